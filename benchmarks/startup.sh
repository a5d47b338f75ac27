#!/usr/bin/env bash
# Start-up: time from launching the JVM to the first 200 on GET /, Nettle's `hello` example
# against a Javalin 7 Hello World (built here in benchmarks/target/javalin-hello from Maven
# Central), alternating, RUNS times each (default 7); prints each time and the medians.
#   cd /work/main && mvn -B -q -DskipTests install && benchmarks/startup.sh
# Same JVM, same default flags (JVM_FLAGS, default none), both cores; curl polls every 5 ms, so
# a time is within 5 ms of the truth. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
JVM_FLAGS=${JVM_FLAGS:-}
EXAMPLES_JAR=examples/target/nettle-examples.jar
JAVALIN=benchmarks/target/javalin-hello
[ -f "$EXAMPLES_JAR" ] || { echo "missing $EXAMPLES_JAR: mvn -B -q -DskipTests install" >&2; exit 1; }
if [ ! -f "$JAVALIN/target/javalin-hello-1.jar" ]; then
  mkdir -p "$JAVALIN/src/main/java/hello"
  cat >"$JAVALIN/pom.xml" <<'EOF'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>javalin-hello</artifactId><version>1</version>
  <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
  <dependencies>
    <dependency><groupId>io.javalin</groupId><artifactId>javalin</artifactId><version>7.2.3</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>2.0.17</version></dependency>
  </dependencies>
  <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>
    <version>3.14.1</version><configuration><release>17</release></configuration></plugin></plugins></build>
</project>
EOF
  cat >"$JAVALIN/src/main/java/hello/Hello.java" <<'EOF'
package hello;

/** Javalin's Hello World on 127.0.0.1:PORT. */
public final class Hello {
    public static void main(String[] args) {
        io.javalin.Javalin.create(config -> config.routes.get("/", ctx -> ctx.result("Hello, World!")))
            .start("127.0.0.1", Integer.parseInt(args[0]));
    }
}
EOF
  (cd "$JAVALIN" && mvn -B -q package dependency:copy-dependencies -DoutputDirectory=target/lib)
fi

# once NAME PORT COMMAND...: milliseconds from launch to the first 200 on GET / (the server is then stopped).
once() {
  local port=$2
  shift 2
  local t0 pid
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" 2>/dev/null)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited before answering" >&2; exit 1; }
    sleep 0.005
  done
  echo $((($(date +%s%N) - t0) / 1000000))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

declare -a NETTLE JAVALIN_MS
for i in $(seq 1 "$RUNS"); do
  NETTLE+=("$(once nettle 18300 java $JVM_FLAGS -jar "$EXAMPLES_JAR" hello --port 18300)")
  JAVALIN_MS+=("$(once javalin 18301 java $JVM_FLAGS -cp "$JAVALIN/target/javalin-hello-1.jar:$JAVALIN/target/lib/*" hello.Hello 18301)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "nettle hello  ms to first 200: ${NETTLE[*]}  median $(median "${NETTLE[@]}")"
echo "javalin hello ms to first 200: ${JAVALIN_MS[*]}  median $(median "${JAVALIN_MS[@]}")"
