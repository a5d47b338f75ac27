#!/usr/bin/env bash
# Differential check: Nettle's `parity` example against the same app in Starlette.
# Needs the examples jar (mvn -B -q -DskipTests install) and Debian's python3-starlette,
# python3-uvicorn, python3-httpx and python3-websockets (installed here when missing).
# Runs both servers on loopback, compares, stops both.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=examples/target/nettle-examples.jar
PY=/usr/bin/python3   # Debian's Python, where the python3-* packages install
[ -f "$JAR" ] || { echo "build first: mvn -B -q -DskipTests install" >&2; exit 2; }
if ! "$PY" -c 'import starlette, uvicorn, httpx, websockets' 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3-starlette python3-uvicorn python3-httpx python3-websockets
fi
NETTLE_PORT=${NETTLE_PORT:-18101}
STARLETTE_PORT=${STARLETTE_PORT:-18102}
java -jar "$JAR" parity --port "$NETTLE_PORT" > /tmp/nettle-parity.log 2>&1 &
NETTLE_PID=$!
"$PY" -m uvicorn --app-dir examples/parity parity_app:app --host 127.0.0.1 --port "$STARLETTE_PORT" \
  --log-level warning > /tmp/starlette-parity.log 2>&1 &
STARLETTE_PID=$!
trap 'kill $NETTLE_PID $STARLETTE_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if curl -s -o /dev/null "http://127.0.0.1:$NETTLE_PORT/" && curl -s -o /dev/null "http://127.0.0.1:$STARLETTE_PORT/"; then
    break
  fi
  sleep 0.2
done
"$PY" examples/parity/differential.py "$NETTLE_PORT" "$STARLETTE_PORT"
