#!/usr/bin/env bash
# Soak of the bench app (examples' "bench": /plaintext, /json, /secure, /secure-async, WebSocket /ws).
#
#   cd /work/main   # the repository root
#   mvn -B -Pbench -pl benchmarks -am install -DskipTests     # builds both jars used here
#   benchmarks/soak.sh                                        # 10 minutes; DURATION=60 for a quick run
#
# One server JVM (java -Xmx256m -jar nettle-examples.jar bench, from a copy of the jar) pinned to
# core SERVER_CPU, one load JVM (io.nettle.benchmarks.SoakLoad) pinned to core LOAD_CPU, on
# 127.0.0.1 only. The load runs at a bounded rate (defaults: 2,000 keep-alive HTTP requests/s
# over 16 connections, 400 WebSocket echoes/s over 8 connections, 10 WebSocket open/echo/close
# and 5 denied handshakes a second, 10 garbage connections a second); see SoakLoad, SoakHttp,
# SoakWebSocket and SoakGarbage for the mix and what each answer must be.
# A warm-up (WARMUP seconds of the same load) comes first; then the open descriptors of the
# server are taken as the baseline. Every INTERVAL seconds a row: totals so far, the server's live
# heap after a full GC (jcmd GC.class_histogram, which collects first and sums what survives), RSS
# (VmRSS), open descriptors (/proc/PID/fd), threads, ERROR/Exception lines in its log.
# At the end the load stops, and the verdict, one PASS/FAIL line each (exit status 1 on any FAIL):
#   5xx                : no response of class 5xx, anywhere (load, garbage, WebSocket handshakes)
#   unexpected         : no unexpected outcome (status or body other than the expected one, echo or
#                        pong mismatch, wrong close code, lost connection, timeout, garbage left open)
#   server log         : no line with ERROR or Exception in the server's output
#   flat heap          : live heap after GC at the last sample <= the one at minute 2 (the first
#                        sample when there is only one) + max(HEAP_TOLERANCE_MIB, HEAP_TOLERANCE_PCT %)
#   descriptors        : within SETTLE seconds after the load stopped, open descriptors <= baseline + FD_TOLERANCE
#   server up          : the server ran to the end, the load driver ended by itself with status 0
# Output: benchmarks/target/soak-DATE/ (table.txt, summary.txt, server.log, load.log with the
# details of the first 100 unexpected outcomes, counters.txt, one class histogram per sample).
# Tunables (environment): DURATION=600 INTERVAL=60 WARMUP=20 SETTLE=20 SERVER_CPU=0 LOAD_CPU=1
#   SERVER_JVM_FLAGS="-Xmx256m" LOAD_ARGS="" (more SoakLoad options, e.g. "--http-rate 3000")
#   HEAP_TOLERANCE_MIB=2 HEAP_TOLERANCE_PCT=10 FD_TOLERANCE=4
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-600}
INTERVAL=${INTERVAL:-60}
WARMUP=${WARMUP:-20}
SETTLE=${SETTLE:-20}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
SERVER_JVM_FLAGS=${SERVER_JVM_FLAGS:--Xmx256m}
LOAD_ARGS=${LOAD_ARGS:-}
HEAP_TOLERANCE_MIB=${HEAP_TOLERANCE_MIB:-2}
HEAP_TOLERANCE_PCT=${HEAP_TOLERANCE_PCT:-10}
FD_TOLERANCE=${FD_TOLERANCE:-4}
EXAMPLES_JAR=examples/target/nettle-examples.jar
BENCH_JAR=benchmarks/target/nettle-benchmarks.jar

for jar in "$EXAMPLES_JAR" "$BENCH_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar: run mvn -B -Pbench -pl benchmarks -am install -DskipTests" >&2; exit 1; }
done
command -v jcmd >/dev/null || { echo "jcmd (JDK) is needed to sample the heap" >&2; exit 1; }
[ "$DURATION" -ge 1 ] && [ "$INTERVAL" -ge 1 ] || { echo "DURATION and INTERVAL are seconds >= 1" >&2; exit 2; }

OUT=benchmarks/target/soak-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
# Private copies: others may rebuild the jars while this runs; a running JVM must not see its jar change.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nettle-soak.XXXXXX")
cp "$EXAMPLES_JAR" "$WORK/nettle-examples.jar"
cp "$BENCH_JAR" "$WORK/nettle-benchmarks.jar"

SERVER_PIN=()
LOAD_PIN=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  SERVER_PIN=(taskset -c "$SERVER_CPU")
  LOAD_PIN=(taskset -c "$LOAD_CPU")
fi
SERVER_PID=
LOAD_PID=

cleanup() {
  for pid in $LOAD_PID $SERVER_PID; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $LOAD_PID $SERVER_PID; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "$*" | tee -a "$OUT/summary.txt"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
# heap_after_gc LABEL: bytes of live objects after the full GC that GC.class_histogram runs first.
heap_after_gc() {
  ${LOAD_PIN[@]+"${LOAD_PIN[@]}"} jcmd "$SERVER_PID" GC.class_histogram >"$OUT/histogram-$1.txt" 2>&1 || true
  awk '/^Total/ { print $3 }' "$OUT/histogram-$1.txt"
}
rss_bytes() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$SERVER_PID/status"; }
fds() { ls "/proc/$SERVER_PID/fd" | wc -l; }
threads() { awk '/^Threads:/ { print $2 }' "/proc/$SERVER_PID/status"; }
error_lines() { grep -cE 'ERROR|Exception' "$OUT/server.log" || true; }
counter() { # counter NAME: a total from the load driver's counters file, 0 before the first write
  local value
  value=$(sed -n "s/^$1=//p" "$OUT/counters.txt" 2>/dev/null || true)
  echo "${value:-0}"
}

# run_load SECONDS COUNTERS_FILE: SoakLoad in the background, stopped SECONDS later by its stop file.
run_load() {
  rm -f "$OUT/stop"
  # shellcheck disable=SC2086 # LOAD_ARGS is a list of options
  ${LOAD_PIN[@]+"${LOAD_PIN[@]}"} java -Xmx512m -cp "$WORK/nettle-benchmarks.jar" io.nettle.benchmarks.SoakLoad \
    --port "$PORT" --counters "$2" --stop-file "$OUT/stop" --seconds $(($1 + 600)) $LOAD_ARGS >>"$OUT/load.log" 2>&1 &
  LOAD_PID=$!
}

# stop_load: asks the driver to stop, waits up to 60 s for it; sets LOAD_RC.
stop_load() {
  touch "$OUT/stop"
  for _ in $(seq 1 60); do
    kill -0 "$LOAD_PID" 2>/dev/null || break
    sleep 1
  done
  LOAD_RC=0
  if kill -0 "$LOAD_PID" 2>/dev/null; then
    echo "load driver did not stop within 60 s, killing it" >&2
    kill "$LOAD_PID" 2>/dev/null || true
  fi
  wait "$LOAD_PID" || LOAD_RC=$?
  LOAD_PID=
}

: >"$OUT/summary.txt"
${SERVER_PIN[@]+"${SERVER_PIN[@]}"} java $SERVER_JVM_FLAGS -jar "$WORK/nettle-examples.jar" bench --port 0 >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
PORT=
for _ in $(seq 1 150); do
  PORT=$(sed -n "s|^Example 'bench' on http://127.0.0.1:\([0-9]*\)/.*|\1|p" "$OUT/server.log")
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$PORT" ]; then
  echo "the bench app did not start; see $OUT/server.log" >&2
  cat "$OUT/server.log" >&2
  exit 1
fi
say "soak: bench app pid $SERVER_PID on 127.0.0.1:$PORT (java $SERVER_JVM_FLAGS, ${SERVER_PIN[*]:-not pinned}), load ${LOAD_PIN[*]:-not pinned}"
say "      DURATION=${DURATION}s INTERVAL=${INTERVAL}s WARMUP=${WARMUP}s LOAD_ARGS='$LOAD_ARGS' output $OUT"

# Warm-up: JIT, every event loop started (each owns descriptors), the attach listener of jcmd.
echo "warm-up: ${WARMUP}s of the same load" | tee -a "$OUT/load.log"
run_load "$WARMUP" "$OUT/counters-warmup.txt"
sleep "$WARMUP"
stop_load
[ "$LOAD_RC" = 0 ] || { echo "the warm-up load failed (exit $LOAD_RC); see $OUT/load.log" >&2; exit 1; }
sleep 3
BASE_HEAP=$(heap_after_gc baseline)
BASE_FDS=$(fds)
BASE_THREADS=$(threads)
say "baseline after warm-up: heap after GC $(mib "$BASE_HEAP") MiB, RSS $(mib "$(rss_bytes)") MiB, $BASE_FDS open descriptors, $BASE_THREADS threads, $(error_lines) ERROR/Exception lines"
echo "soak: ${DURATION}s" >>"$OUT/load.log"

run_load "$DURATION" "$OUT/counters.txt"
START=$(date +%s)
HEADER=$(printf '%6s %10s %10s %8s %5s %10s %9s %8s %5s %7s %6s' \
  min requests ws_msgs garbage 5xx unexpected heap_MiB RSS_MiB fds threads ERRORs)
echo "$HEADER" | tee "$OUT/table.txt" | tee -a "$OUT/summary.txt"
SAMPLES=$(((DURATION + INTERVAL - 1) / INTERVAL))
HEAPS=()
SERVER_UP=1
for i in $(seq 1 "$SAMPLES"); do
  due=$((i * INTERVAL))
  [ "$due" -gt "$DURATION" ] && due=$DURATION
  while [ $(($(date +%s) - START)) -lt "$due" ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { SERVER_UP=0; break 2; }
    kill -0 "$LOAD_PID" 2>/dev/null || { echo "the load driver ended early; see $OUT/load.log" >&2; break 2; }
    sleep 1
  done
  heap=$(heap_after_gc "$(printf %03d "$i")")
  [ -n "$heap" ] || { SERVER_UP=0; break; }
  HEAPS+=("$heap")
  printf '%6s %10s %10s %8s %5s %10s %9s %8s %5s %7s %6s\n' \
    "$(awk -v t="$due" 'BEGIN { printf "%.1f", t / 60 }')" "$(counter requests)" "$(counter ws_messages)" \
    "$(counter garbage)" "$(counter status_5xx)" "$(counter unexpected)" "$(mib "$heap")" "$(mib "$(rss_bytes)")" \
    "$(fds)" "$(threads)" "$(error_lines)" | tee -a "$OUT/table.txt" | tee -a "$OUT/summary.txt"
done
kill -0 "$SERVER_PID" 2>/dev/null || SERVER_UP=0
stop_load

# Settle: the load's connections are closed; the server must give back every descriptor.
END_FDS=$( [ "$SERVER_UP" = 1 ] && fds || echo -1)
for _ in $(seq 1 "$SETTLE"); do
  [ "$SERVER_UP" = 1 ] && [ "$END_FDS" -le $((BASE_FDS + FD_TOLERANCE)) ] && break
  sleep 1
  END_FDS=$( [ "$SERVER_UP" = 1 ] && fds || echo -1)
done
END_HEAP=$( [ "$SERVER_UP" = 1 ] && heap_after_gc end || echo 0)
END_THREADS=$( [ "$SERVER_UP" = 1 ] && threads || echo -1)
ERRORS=$(error_lines)

say ""
say "after the load stopped: $END_FDS open descriptors (baseline $BASE_FDS), $END_THREADS threads (baseline $BASE_THREADS), heap after GC $(mib "${END_HEAP:-0}") MiB"
say "totals:"
sed 's/^/  /' "$OUT/counters.txt" | tee -a "$OUT/summary.txt"
say "  server log: $ERRORS ERROR/Exception lines$( [ "$ERRORS" = 0 ] || echo "; first ones:")"
grep -E 'ERROR|Exception' "$OUT/server.log" | head -n 10 | sed 's/^/    /' | tee -a "$OUT/summary.txt" || true

FAILED=0
verdict() { # verdict NAME CONDITION(0/1) TEXT
  if [ "$2" = 1 ]; then say "PASS $1: $3"; else say "FAIL $1: $3"; FAILED=1; fi
}
say ""
FIVE=$(counter status_5xx)
UNEXPECTED=$(counter unexpected)
verdict "5xx" "$([ "$FIVE" = 0 ] && echo 1 || echo 0)" "$FIVE responses of class 5xx"
verdict "unexpected" "$([ "$UNEXPECTED" = 0 ] && echo 1 || echo 0)" "$UNEXPECTED unexpected outcomes (details in $OUT/load.log)"
verdict "server log" "$([ "$ERRORS" = 0 ] && echo 1 || echo 0)" "$ERRORS ERROR/Exception lines in $OUT/server.log"
if [ "${#HEAPS[@]}" -ge 1 ]; then
  REF_INDEX=$(( ${#HEAPS[@]} >= 2 ? 1 : 0 ))
  REF=${HEAPS[$REF_INDEX]}
  LAST=${HEAPS[$((${#HEAPS[@]} - 1))]}
  LIMIT=$(awk -v r="$REF" -v mib="$HEAP_TOLERANCE_MIB" -v pct="$HEAP_TOLERANCE_PCT" \
    'BEGIN { a = mib * 1048576; b = r * pct / 100; printf "%d", r + (a > b ? a : b) }')
  verdict "flat heap" "$([ "$LAST" -le "$LIMIT" ] && echo 1 || echo 0)" \
    "last sample $(mib "$LAST") MiB <= sample $((REF_INDEX + 1)) $(mib "$REF") MiB + max(${HEAP_TOLERANCE_MIB} MiB, ${HEAP_TOLERANCE_PCT}%) = $(mib "$LIMIT") MiB"
else
  verdict "flat heap" 0 "no sample"
fi
verdict "descriptors" "$([ "$SERVER_UP" = 1 ] && [ "$END_FDS" -le $((BASE_FDS + FD_TOLERANCE)) ] && echo 1 || echo 0)" \
  "$END_FDS open within ${SETTLE}s after the load, baseline $BASE_FDS + tolerance $FD_TOLERANCE"
verdict "server up" "$([ "$SERVER_UP" = 1 ] && [ "$LOAD_RC" = 0 ] && echo 1 || echo 0)" \
  "server alive to the end: $( [ "$SERVER_UP" = 1 ] && echo yes || echo NO), load driver exit status $LOAD_RC"
say "output: $OUT"
exit "$FAILED"
