#!/usr/bin/env bash
# Nettle vs raw Netty vs Vert.x Web on the bench contract, side by side on one machine.
#
#   cd /work/main   # the repository root
#   mvn -B -Pbench -pl benchmarks -am install -DskipTests     # builds both jars used here
#   benchmarks/run.sh [http] [pipeline] [tls] [h2] [ws] [files] [redis]   # default: http pipeline ws
#
# Every server is a JVM with the same flags and one event-loop thread, pinned to core
# SERVER_CPU (default 0); every load generator (wrk, h2load, the WebSocket tools) is pinned to core
# LOAD_CPU (default 1). Loopback only. The servers run side by side for the whole part and are
# measured in turns: each round measures every server once per endpoint (the order rotates),
# so slow drift of the machine hits all of them alike. "nettle-aa" is a second, identical
# Nettle process measured like the others: the A/A check, i.e. the noise floor.
#   http     : wrk -t1 -c64 on /plaintext, /json, /secure, /secure-async (Basic tom:secret) -> req/s, p99,
#              and server CPU µs per request (utime+stime from /proc/PID/stat over the window / requests)
#   pipeline : /plaintext with 16 requests per pipeline (wrk Lua script)
#   tls      : TLS 1.3 (OpenSSL on both) on nettle, raw-netty and nettle-aa: /secure over kept
#              connections, and new handshakes per second (/plaintext with Connection: close)
#   h2       : HTTP/2 with h2load (Debian package nghttp2-client) on nettle, raw-netty, vertx-web and nettle-aa:
#              /secure (Basic) with 64 streams over 8 connections (h2load -c8 -m8 -t1), first h2c with
#              prior knowledge (http://, table h2c), then h2 over TLS 1.3 chosen by ALPN (https://,
#              table h2; h2 only, no fallback to HTTP/1.1) -> req/s (responses, as wrk), p99 (from
#              h2load's per-request log: it prints only min/max/mean/sd), server CPU µs per request
#   ws       : WebSocket echo round trips/s over 64 authenticated connections, then (fresh servers)
#              heap after full GC and RSS per idle authenticated connection (5,000 connections)
#   files    : static file and streamed body over cleartext HTTP/1.1 on nettle, raw-netty and nettle-aa,
#              wrk -t1 -c$FILES_CONNECTIONS (large responses: fewer connections): /static/1mib.bin, a 1 MiB
#              random file made in the run's directory (files/, served by every server from --files DIR;
#              Nettle's StaticFiles against raw Netty's DefaultFileRegion, both sendfile), and /stream,
#              64 KiB as 16 pieces of 4 KiB (Nettle's Response.stream, each write after the previous
#              stage; raw Netty's DefaultHttpContent, each flushed), both chunked -> req/s, p99, server
#              CPU µs per request, errors (non-2xx); Nettle runs as io.nettle.examples.BenchExample
#              (its --files is not an option of the jar's entry point)
#   redis    : a redis-server of the run's own (Debian package redis-server; port 16390, persistence off, on
#              core LOAD_CPU). Session lookup: GET /me signed in (io.nettle.benchmarks.SessionLookupServer),
#              the session in the signed cookie (nettle-cookie) against a Redis store (nettle, and nettle-aa
#              the same), wrk -t1 -c$CONNECTIONS -> req/s, p99, server CPU µs per request, and Redis CPU µs
#              per request of the Redis-store servers. Fan-out (io.nettle.benchmarks.FanOutLatency, both
#              instances in one JVM): one message to FANOUT_SUBSCRIBERS WebSocket subscribers over two
#              instances, from publish to the last delivery, Broadcast.inProcess() against Redis Pub/Sub,
#              alternating, ROUNDS rounds each -> p50, p99, max
# Tunables (environment): ROUNDS=3 DURATION=5 WARMUP=10 CONNECTIONS=64 PIPELINE=16 WS_SECONDS=5
#   H2_CONNECTIONS=8 H2_STREAMS=8 (h2load -c and -m: concurrent streams per connection) FILES_CONNECTIONS=16
#   WS_IDLE=5000 FANOUT_SUBSCRIBERS=1000 SERVER_CPU=0 LOAD_CPU=1 WITH_NIO=0 (1 adds Nettle on NIO as a fifth server)
#   IO_THREADS=1 (event loops per server) WRK_THREADS=1; event loops 1 -> 2 on this 2-core machine:
#   IO_THREADS=2 WRK_THREADS=2 SERVER_CPU=0,1 LOAD_CPU=0,1 benchmarks/run.sh http (servers and wrk share both cores)
#   JVM_FLAGS="-Xms512m -Xmx512m -XX:+UseParallelGC"
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5}
# Long enough for the JIT to settle: each JVM is pinned to one core, so C2 compiling the
# framework's paths competes with its event loop (seen as bimodal rounds after a 3 s warm-up).
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-64}
PIPELINE=${PIPELINE:-16}
WS_SECONDS=${WS_SECONDS:-5}
WS_IDLE=${WS_IDLE:-5000}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
WITH_NIO=${WITH_NIO:-0}
IO_THREADS=${IO_THREADS:-1}
WRK_THREADS=${WRK_THREADS:-1}
H2_CONNECTIONS=${H2_CONNECTIONS:-8}
H2_STREAMS=${H2_STREAMS:-8}
FILES_CONNECTIONS=${FILES_CONNECTIONS:-16}
FANOUT_SUBSCRIBERS=${FANOUT_SUBSCRIBERS:-1000}
JVM_FLAGS=${JVM_FLAGS:--Xms512m -Xmx512m -XX:+UseParallelGC}
AUTH="Authorization: Basic dG9tOnNlY3JldA=="
EXAMPLES_JAR=examples/target/nettle-examples.jar
BENCH_JAR=benchmarks/target/nettle-benchmarks.jar
PARTS=("$@")
[ ${#PARTS[@]} -eq 0 ] && PARTS=(http pipeline ws)

for jar in "$EXAMPLES_JAR" "$BENCH_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar: run mvn -B -Pbench -pl benchmarks -am install -DskipTests" >&2; exit 1; }
done
if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
# 5,000 WebSocket connections need as many descriptors in the server and in the client.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

OUT=benchmarks/target/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
: > "$RESULTS"
declare -A PID PORT
SERVERS=()
SCHEME=http
TLS_ARGS=()

cleanup() {
  for name in "${!PID[@]}"; do
    kill "${PID[$name]}" 2>/dev/null || true
  done
  for name in "${!PID[@]}"; do
    wait "${PID[$name]}" 2>/dev/null || true
  done
  PID=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME PORT COMMAND...: a server JVM pinned to SERVER_CPU, waited for until it answers.
start() {
  local name=$1 port=$2
  shift 2
  # Another server on the port (someone else's run) would answer for this one: refuse instead.
  if curl -sk -o /dev/null --max-time 2 "$SCHEME://127.0.0.1:$port/plaintext"; then
    echo "port $port already answers (another server running?); not starting $name" >&2
    exit 1
  fi
  taskset -c "$SERVER_CPU" java $JVM_FLAGS "$@" --port "$port" --io-threads "$IO_THREADS" "${TLS_ARGS[@]}" >"$OUT/$name.log" 2>&1 &
  PID[$name]=$!
  PORT[$name]=$port
  SERVERS+=("$name")
  for _ in $(seq 1 100); do
    curl -sk -o /dev/null "$SCHEME://127.0.0.1:$port/plaintext" && return 0
    kill -0 "${PID[$name]}" 2>/dev/null || break
    sleep 0.2
  done
  echo "$name did not start; see $OUT/$name.log" >&2
  cat "$OUT/$name.log" >&2
  exit 1
}

start_all() {
  SERVERS=()
  start nettle 18080 -jar "$EXAMPLES_JAR" bench
  start raw-netty 18081 -cp "$BENCH_JAR" io.nettle.benchmarks.RawNettyServer
  start vertx-web 18082 -cp "$BENCH_JAR" io.nettle.benchmarks.VertxWebServer
  start nettle-aa 18083 -jar "$EXAMPLES_JAR" bench
  if [ "$WITH_NIO" = 1 ]; then
    start nettle-nio 18084 -jar "$EXAMPLES_JAR" bench --transport nio
  fi
  for name in "${SERVERS[@]}"; do
    echo "  $name: pid ${PID[$name]}, port ${PORT[$name]}: $(head -n 2 "$OUT/$name.log" | tail -n 1)"
  done
}

cpu_ticks() { # utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat)
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# measure TABLE ENDPOINT SERVER ROUND [wrk args...]: one wrk window; appends a TSV row.
measure() {
  local table=$1 endpoint=$2 server=$3 round=$4
  shift 4
  local pid=${PID[$server]} log="$OUT/wrk-$table-${endpoint//\//}-$server-$round.txt"
  local before after
  before=$(cpu_ticks "$pid")
  taskset -c "$LOAD_CPU" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" \
    "$SCHEME://127.0.0.1:${PORT[$server]}$endpoint" >"$log" 2>&1 || echo "wrk failed, see $log" >&2
  kill -0 "$pid" 2>/dev/null || { echo "$server (pid $pid) is gone during the window; see $OUT/$server.log" >&2; exit 1; }
  after=$(cpu_ticks "$pid")
  awk -v table="$table" -v endpoint="$endpoint" -v server="$server" -v round="$round" -v cpu=$((after - before)) '
    function us(v) { if (v ~ /us$/) return v + 0; if (v ~ /ms$/) return v * 1000; if (v ~ /s$/) return v * 1000000; return v }
    /requests in/ { requests = $1 }
    /^Requests\/sec/ { rps = $2 }
    $1 == "99%" { p99 = us($2) }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) errors += $i }
    END { printf "%s\t%s\t%s\t%d\t%d\t%.1f\t%.1f\t%d\t%d\n", table, endpoint, server, round, requests, rps, p99, cpu, errors }
  ' "$log" | tee -a "$RESULTS" | awk -F'\t' '{ printf "    %-14s %-14s round %d: %8.0f req/s  p99 %7.0f us  cpu %5.2f us/req  errors %d\n",
      $2, $3, $4, $6, $7, ($5 > 0 ? $8 * 10000 / $5 : 0), $9 }'
}

# round_robin TABLE ENDPOINT [wrk args...]: every server once per round, the order rotating.
round_robin() {
  rotate measure "$@"
}

# rotate MEASURE TABLE ENDPOINT [args...]: MEASURE TABLE ENDPOINT SERVER ROUND [args...] for every
# server once per round, the order rotating.
rotate() {
  local fn=$1 table=$2 endpoint=$3
  shift 3
  local n=${#SERVERS[@]}
  for round in $(seq 1 "$ROUNDS"); do
    for i in $(seq 0 $((n - 1))); do
      "$fn" "$table" "$endpoint" "${SERVERS[$(((i + round) % n))]}" "$round" "$@"
    done
  done
}

# h2load_run SECONDS URL [h2load args...]: h2load on LOAD_CPU, HTTP/2 only (--npn-list=h2: over TLS
# a server without h2 in ALPN fails instead of being measured on HTTP/1.1, h2load's fallback;
# over http:// h2c with prior knowledge, h2load's default), the Basic header, cut off if it hangs.
h2load_run() {
  local seconds=$1 url=$2
  shift 2
  taskset -c "$LOAD_CPU" timeout $((seconds + 30)) h2load -c"$H2_CONNECTIONS" -m"$H2_STREAMS" -t1 -D "$seconds" \
    --npn-list=h2 -H "$AUTH" "$@" "$url"
}

# measure_h2 TABLE ENDPOINT SERVER ROUND: one h2load window; appends a TSV row like measure.
# requests: responses ("done", what h2load's req/s counts, as wrk counts non-2xx responses too);
# errors: "failed" (non-2xx/3xx responses and streams or connections that failed), plus every
# request started when none was answered, every connection refused for want of h2 in ALPN (h2load
# then starts no request at all), or every response when the protocol is not h2/h2c.
# p99: over the responses in h2load's per-request log (--log-file; it appends, hence rm first).
measure_h2() {
  local table=$1 endpoint=$2 server=$3 round=$4
  local pid=${PID[$server]} log="$OUT/h2load-$table-${endpoint//\//}-$server-$round.txt" requests="$OUT/h2load-requests.tsv"
  local before after p99=0 expected=h2
  if [ "$SCHEME" = http ]; then expected=h2c; fi
  rm -f "$requests"
  before=$(cpu_ticks "$pid")
  h2load_run "$DURATION" "$SCHEME://127.0.0.1:${PORT[$server]}$endpoint" --log-file="$requests" >"$log" 2>&1 \
    || echo "h2load failed, see $log" >&2
  after=$(cpu_ticks "$pid")
  if [ -s "$requests" ]; then
    p99=$(awk -F'\t' '$2 > 0 { print $3 }' "$requests" | sort -n | awk '{ v[NR] = $1 }
      END { if (NR == 0) { print 0; exit } i = int(NR * 0.99); if (i < NR * 0.99) i++; print v[i] }')
  fi
  rm -f "$requests"
  awk -v table="$table" -v endpoint="$endpoint" -v server="$server" -v round="$round" -v cpu=$((after - before)) \
      -v p99="$p99" -v expected="$expected" '
    function count(word,   i) { for (i = 2; i <= NF; i++) if ($i ~ "^" word) return $(i - 1) + 0; return 0 }
    /^Application protocol:/ { protocol = $3 }
    /^No supported protocol was negotiated/ { refused++ }
    /^finished in/ { for (i = 2; i <= NF; i++) if ($i == "req/s,") rps = $(i - 1) }
    /^requests:/ { started = count("started"); done = count("done"); failed = count("failed") }
    END {
      errors = failed + refused
      if (done == 0) errors += started
      else if (protocol != expected) errors += done
      printf "%s\t%s\t%s\t%d\t%d\t%.1f\t%.1f\t%d\t%d\n", table, endpoint, server, round, done, rps, p99, cpu, errors
      if (protocol != expected) printf "    %s: protocol \"%s\", not %s\n", server, protocol, expected > "/dev/stderr"
    }
  ' "$log" | tee -a "$RESULTS" | awk -F'\t' '{ printf "    %-14s %-14s round %d: %8.0f req/s  p99 %7.0f us  cpu %5.2f us/req  errors %d\n",
      $2, $3, $4, $6, $7, ($5 > 0 ? $8 * 10000 / $5 : 0), $9 }'
}

warm_up() {
  echo "  warm-up (${WARMUP}s per server and endpoint, not recorded)"
  for server in "${SERVERS[@]}"; do
    for endpoint in "$@"; do
      taskset -c "$LOAD_CPU" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "$AUTH" \
        "$SCHEME://127.0.0.1:${PORT[$server]}$endpoint" >/dev/null 2>&1
    done
  done
}

# h2_warm_up ENDPOINT...: h2load on every server and endpoint for WARMUP seconds, not recorded.
h2_warm_up() {
  echo "  warm-up (${WARMUP}s per server and endpoint with h2load, not recorded)"
  for server in "${SERVERS[@]}"; do
    for endpoint in "$@"; do
      h2load_run "$WARMUP" "$SCHEME://127.0.0.1:${PORT[$server]}$endpoint" >/dev/null 2>&1 || true
    done
  done
}

# tls_certificate: a throwaway P-256 certificate for 127.0.0.1; the servers of the part then serve TLS.
tls_certificate() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$OUT/tls.key" -out "$OUT/tls.crt" >/dev/null 2>&1
  SCHEME=https
  TLS_ARGS=(--tls-cert "$OUT/tls.crt" --tls-key "$OUT/tls.key")
}

part_http() {
  echo "== HTTP: wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s, $ROUNDS rounds, $IO_THREADS event loop(s) per server on core(s) $SERVER_CPU, wrk on core(s) $LOAD_CPU"
  start_all
  warm_up /plaintext /json /secure /secure-async
  round_robin http /plaintext
  round_robin http /json
  round_robin http /secure -H "$AUTH"
  round_robin http /secure-async -H "$AUTH"
  cleanup
}

part_pipeline() {
  echo "== HTTP pipelined: /plaintext, $PIPELINE requests per pipeline"
  cat >"$OUT/pipeline.lua" <<LUA
init = function(args)
  local depth = $PIPELINE
  local requests = {}
  for i = 1, depth do
    requests[i] = wrk.format(nil, wrk.path)
  end
  pipelined = table.concat(requests)
end
request = function()
  return pipelined
end
LUA
  start_all
  warm_up /plaintext
  round_robin pipelined-x$PIPELINE /plaintext -s "$OUT/pipeline.lua"
  cleanup
}

part_tls() {
  echo "== TLS 1.3: /secure over kept connections, and new handshakes (Connection: close), nettle vs raw-netty"
  tls_certificate
  SERVERS=()
  start nettle 18080 -jar "$EXAMPLES_JAR" bench
  start raw-netty 18081 -cp "$BENCH_JAR" io.nettle.benchmarks.RawNettyServer
  start nettle-aa 18083 -jar "$EXAMPLES_JAR" bench
  warm_up /secure
  round_robin tls /secure -H "$AUTH"
  round_robin tls-handshakes /plaintext -H "Connection: close"
  cleanup
  SCHEME=http
  TLS_ARGS=()
}

part_h2() {
  if ! command -v h2load >/dev/null; then
    echo "installing h2load (Debian package nghttp2-client)" >&2
    apt-get install -y nghttp2-client >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y nghttp2-client >/dev/null; }
  fi
  echo "== HTTP/2: h2load -c$H2_CONNECTIONS -m$H2_STREAMS -t1 -D $DURATION on /secure (Basic), $ROUNDS rounds: h2c (prior knowledge), then h2 over TLS 1.3 (ALPN)"
  SERVERS=()
  start nettle 18080 -jar "$EXAMPLES_JAR" bench
  start raw-netty 18081 -cp "$BENCH_JAR" io.nettle.benchmarks.RawNettyServer
  start vertx-web 18082 -cp "$BENCH_JAR" io.nettle.benchmarks.VertxWebServer
  start nettle-aa 18083 -jar "$EXAMPLES_JAR" bench
  h2_warm_up /secure
  rotate measure_h2 h2c /secure
  cleanup
  tls_certificate
  SERVERS=()
  start nettle 18080 -jar "$EXAMPLES_JAR" bench
  start raw-netty 18081 -cp "$BENCH_JAR" io.nettle.benchmarks.RawNettyServer
  start vertx-web 18082 -cp "$BENCH_JAR" io.nettle.benchmarks.VertxWebServer
  start nettle-aa 18083 -jar "$EXAMPLES_JAR" bench
  h2_warm_up /secure
  rotate measure_h2 h2 /secure
  cleanup
  SCHEME=http
  TLS_ARGS=()
}

part_ws() {
  echo "== WebSocket echo: 64 authenticated connections, one message in flight each, ${WS_SECONDS}s x $ROUNDS rounds"
  start_all
  local n=${#SERVERS[@]}
  for round in $(seq 1 "$ROUNDS"); do
    for i in $(seq 0 $((n - 1))); do
      local server=${SERVERS[$(((i + round) % n))]}
      local line
      line=$(taskset -c "$LOAD_CPU" java -cp "$BENCH_JAR" io.nettle.benchmarks.WsEchoLoad --port "${PORT[$server]}" \
        --connections 64 --seconds "$WS_SECONDS" --warmup 2 --pid "${PID[$server]}" 2>&1 | grep '^ws-echo' || true)
      echo "    $server round $round: $line"
      echo "$server $round $line" >>"$OUT/ws-echo.txt"
    done
  done
  cleanup
  echo "== WebSocket idle memory: $WS_IDLE authenticated idle connections per server (fresh servers, heap after full GC via jcmd, RSS)"
  start_all
  for server in nettle raw-netty vertx-web; do
    taskset -c "$LOAD_CPU" java -cp "$BENCH_JAR" io.nettle.benchmarks.WsIdleMemory --port "${PORT[$server]}" \
      --pid "${PID[$server]}" --connections "$WS_IDLE" --label "$server" 2>&1 | grep -E '^ws-idle|rror' | tee -a "$OUT/ws-idle.txt"
  done
  cleanup
}

part_files() {
  local CONNECTIONS=$FILES_CONNECTIONS   # seen by warm_up and measure
  local files=$OUT/files
  echo "== Files: wrk -t1 -c$CONNECTIONS -d${DURATION}s on /static/1mib.bin (1 MiB, sendfile) and /stream (64 KiB streamed), $ROUNDS rounds"
  mkdir -p "$files"
  head -c 1048576 /dev/urandom >"$files/1mib.bin"
  SERVERS=()
  start nettle 18080 -cp "$EXAMPLES_JAR" io.nettle.examples.BenchExample --files "$files"
  start raw-netty 18081 -cp "$BENCH_JAR" io.nettle.benchmarks.RawNettyServer --files "$files"
  start nettle-aa 18083 -cp "$EXAMPLES_JAR" io.nettle.examples.BenchExample --files "$files"
  local expected
  expected=$(sha256sum <"$files/1mib.bin")
  for name in "${SERVERS[@]}"; do   # every server sends the same bytes, whole
    [ "$(curl -s "http://127.0.0.1:${PORT[$name]}/static/1mib.bin" | sha256sum)" = "$expected" ] \
      || { echo "$name: /static/1mib.bin differs from the file" >&2; exit 1; }
    [ "$(curl -s "http://127.0.0.1:${PORT[$name]}/stream" | wc -c)" = 65536 ] \
      || { echo "$name: /stream is not 65536 bytes" >&2; exit 1; }
  done
  warm_up /static/1mib.bin /stream
  round_robin files /static/1mib.bin
  round_robin files /stream
  cleanup
}

part_redis() {
  command -v redis-server >/dev/null || { echo "installing redis-server (Debian package)" >&2; apt-get install -y redis-server >/dev/null; }
  local redis_port=16390
  taskset -c "$LOAD_CPU" redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$OUT/redis.log" 2>&1 &
  PID[redis-server]=$!
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  local uri=redis://127.0.0.1:$redis_port
  echo "== Session lookup: GET /me signed in, session in the cookie (nettle-cookie) or in Redis (nettle, nettle-aa), $ROUNDS rounds"
  SERVERS=()
  start nettle 18090 -cp "$BENCH_JAR" io.nettle.benchmarks.SessionLookupServer --store redis --redis "$uri"
  start nettle-cookie 18091 -cp "$BENCH_JAR" io.nettle.benchmarks.SessionLookupServer --store cookie
  start nettle-aa 18092 -cp "$BENCH_JAR" io.nettle.benchmarks.SessionLookupServer --store redis --redis "$uri"
  declare -A COOKIE
  for name in "${SERVERS[@]}"; do
    COOKIE[$name]=$(curl -s -c - -X POST "http://127.0.0.1:${PORT[$name]}/login?user=tom" | awk '$6 == "session" { print $7 }')
    [ "$(curl -s -H "Cookie: session=${COOKIE[$name]}" "http://127.0.0.1:${PORT[$name]}/me")" = "Hello, tom!" ] \
      || { echo "$name: /me does not see the session" >&2; exit 1; }
  done
  for name in "${SERVERS[@]}"; do
    taskset -c "$LOAD_CPU" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Cookie: session=${COOKIE[$name]}" \
      "http://127.0.0.1:${PORT[$name]}/me" >/dev/null 2>&1
  done
  local n=${#SERVERS[@]}
  for round in $(seq 1 "$ROUNDS"); do
    for i in $(seq 0 $((n - 1))); do
      local server=${SERVERS[$(((i + round) % n))]}
      local before after
      before=$(cpu_ticks "${PID[redis-server]}")
      measure sessions /me "$server" "$round" -H "Cookie: session=${COOKIE[$server]}"
      after=$(cpu_ticks "${PID[redis-server]}")
      echo "$server $round $((after - before)) $(tail -n 1 "$RESULTS" | cut -f5)" >>"$OUT/redis-cpu.txt"
    done
  done
  for name in "${SERVERS[@]}"; do   # the session servers go; Redis stays for the fan-out
    kill "${PID[$name]}" 2>/dev/null || true
    wait "${PID[$name]}" 2>/dev/null || true
    unset "PID[$name]"
  done
  echo "== Fan-out: one message to $FANOUT_SUBSCRIBERS WebSocket subscribers over two instances, publish to last delivery"
  for round in $(seq 1 "$ROUNDS"); do
    for mode in inprocess redis; do
      taskset -c "$SERVER_CPU" java $JVM_FLAGS -cp "$BENCH_JAR" io.nettle.benchmarks.FanOutLatency --mode "$mode" --redis "$uri" \
        --subscribers "$FANOUT_SUBSCRIBERS" 2>&1 | grep -E '^fan-out|rror' | sed "s/^/$round /" | tee -a "$OUT/fanout.txt"
    done
  done
  cleanup
}

for part in "${PARTS[@]}"; do
  case $part in
    http) part_http ;;
    pipeline) part_pipeline ;;
    ws) part_ws ;;
    tls) part_tls ;;
    h2) part_h2 ;;
    files) part_files ;;
    redis) part_redis ;;
    *) echo "unknown part '$part' (http, pipeline, tls, h2, ws, files, redis)" >&2; exit 2 ;;
  esac
done

if [ -s "$RESULTS" ]; then
  java -cp "$BENCH_JAR" io.nettle.benchmarks.RunReport "$RESULTS" | tee "$OUT/report.md"
fi
if [ -s "$OUT/ws-echo.txt" ]; then
  echo
  echo "### WebSocket echo (round trips/s, median of $ROUNDS rounds; server CPU µs per round trip)"
  echo
  echo "| server | round trips/s | server CPU µs/round trip | p99 µs | per round |"
  echo "|---|---:|---:|---:|---|"
  for server in $(awk '!seen[$1]++ { print $1 }' "$OUT/ws-echo.txt"); do
    grep "^$server " "$OUT/ws-echo.txt" | sed -E 's/.*rate=([0-9]+)\/s.*server_cpu_us_per_roundtrip=([0-9.]+).*p99_us=([0-9-]+).*/\1 \2 \3/' | sort -n | awk -v s="$server" '
      { r[NR] = $1; c[NR] = $2; p[NR] = $3; all = all (NR > 1 ? " / " : "") $1 }
      END { if (NR) printf "| %s | %d | %s | %s | %s |\n", s, r[int((NR + 1) / 2)], c[int((NR + 1) / 2)], p[int((NR + 1) / 2)], all }'
  done
fi
if [ -s "$OUT/ws-idle.txt" ]; then
  echo
  echo "### Idle authenticated WebSocket ($WS_IDLE connections): cost per connection"
  echo
  echo "| server | heap after full GC, bytes/conn | RSS, bytes/conn | open |"
  echo "|---|---:|---:|---:|"
  sed -E 's/^ws-idle ([^ ]+) connections=([0-9]+) open=([0-9]+).*heap_per_conn_bytes=([-0-9]+).*rss_per_conn_bytes=([-0-9]+).*/| \1 | \4 | \5 | \3\/\2 |/' "$OUT/ws-idle.txt" | grep '^|'
fi
if [ -s "$OUT/redis-cpu.txt" ]; then
  echo
  echo "### Redis CPU per session lookup (redis-server's utime+stime over each window / requests)"
  echo
  awk '$4 > 0 { printf "- %s round %d: %.2f µs/req\n", $1, $2, $3 * 10000 / $4 }' "$OUT/redis-cpu.txt"
fi
if [ -s "$OUT/fanout.txt" ]; then
  echo
  echo "### Fan-out to $FANOUT_SUBSCRIBERS subscribers over two instances (publish to last delivery, µs)"
  echo
  echo "| round | mode | p50 | p99 | max |"
  echo "|---:|---|---:|---:|---:|"
  sed -E 's/^([0-9]+) fan-out ([a-z]+) .*p50_us=([0-9]+) p99_us=([0-9]+) max_us=([0-9]+).*/| \1 | \2 | \3 | \4 | \5 |/' "$OUT/fanout.txt" | grep '^|'
fi
echo
echo "raw output: $OUT"
