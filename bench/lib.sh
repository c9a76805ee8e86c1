#!/usr/bin/env bash
# Shared helpers of the benchmark scripts: free ports, starting a jar and timing its readiness,
# RSS, bounded request loads with wrk, and statistics. Source it; it defines functions only.
# Every server is bound to 127.0.0.1 on a free port; every load is bounded in count and time.
# Sourcing it also makes `java` (and ./mvnw's JDK) the JDK 25+ scripts/jdk.sh picks.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/jdk.sh
source "$BENCH_ROOT/scripts/jdk.sh"
jdk_use || exit 1
BENCH_OUT="${BENCH_OUT:-$BENCH_ROOT/bench/results}"
mkdir -p "$BENCH_OUT"

# container_jvm_flags [LIMIT]: the JVM flags every image and the baseline get (parent pom property
# image.jvm.flags, the images' JAVA_TOOL_OPTIONS), with the memory limit a container would have, so
# heap sizing behaves as in Kubernetes.
container_jvm_flags() {
  echo "$(pom_property image.jvm.flags) -XX:MaxRAM=${1:-512m}"
}

# image_jvm_flags [LIMIT]: what our images run with: the container flags plus the images' JIT flags
# (parent pom property image.jit.flags, on the Jib entrypoint). The baseline does not get these.
image_jvm_flags() {
  echo "$(container_jvm_flags "${1:-512m}") $(pom_property image.jit.flags)"
}

pom_property() { sed -n "s:.*<$1>\\(.*\\)</$1>.*:\\1:p" "$BENCH_ROOT/pom.xml"; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

require_tools() { # require_tools TOOL...: fails with the install hint when one is missing
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is required (see README prerequisites)" >&2; exit 1; }
  done
}

# jar_copies OUT MODULE...: builds the modules' jars when missing (or BUILD=1), then copies each to
# OUT/jars/MODULE.jar: another build may rewrite target/*.jar while a benchmark runs.
jar_copies() {
  local out="$1" module; shift
  for module in "$@"; do
    if [[ "${BUILD:-0}" == 1 ]] || ! module_jar "$module" >/dev/null 2>&1; then
      (cd "$BENCH_ROOT" && ./mvnw -q -B -ntp -pl "$module" -am package -DskipTests)
    fi
  done
  mkdir -p "$out/jars"
  for module in "$@"; do cp "$(module_jar "$module")" "$out/jars/$(basename "$module").jar"; done
}

module_jar() {
  local module="$1" jar
  jar=$(find "$BENCH_ROOT/$module/target" -maxdepth 1 -name '*.jar' ! -name '*-plain.jar' ! -name '*sources*' 2>/dev/null | head -1)
  [[ -n "$jar" ]] || { echo "bench: no jar for $module; run 'make build' first" >&2; return 1; }
  echo "$jar"
}

now_ms() { date +%s%3N; }

# start_jar JAR PORT LOG [JVM FLAGS...] -- [APP ARGS...]: starts in the background, sets STARTED_PID.
start_jar() {
  local jar="$1" port="$2" log="$3"; shift 3
  local jvm=() app=()
  while (($#)); do [[ "$1" == "--" ]] && { shift; break; }; jvm+=("$1"); shift; done
  app=("$@")
  SERVER_PORT="$port" java "${jvm[@]}" -jar "$jar" --server.port="$port" --server.address=127.0.0.1 "${app[@]}" \
    >"$log" 2>&1 &
  # shellcheck disable=SC2034 # read by the caller
  STARTED_PID=$!
}

# wait_ready URL [TIMEOUT_S]: polls until HTTP 200; fails after the timeout.
wait_ready() {
  local url="$1" timeout_ms=$(( ${2:-60} * 1000 )) start
  start=$(now_ms)
  until curl -fs -o /dev/null "$url"; do
    (( $(now_ms) - start > timeout_ms )) && { echo "bench: $url not ready in ${2:-60}s" >&2; return 1; }
    sleep 0.02
  done
}

stop_pid() {
  local pid="$1"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# fixed_requests URL COUNT: sends exactly COUNT GET requests, 8 at a time (curl's URL globbing adds a
# throw-away query parameter n=1..COUNT). wrk cannot stop after a count: it always runs its -d.
fixed_requests() {
  local url="$1" count="$2" sep="?"
  [[ "$url" == *\?* ]] && sep="&"
  curl -sf --no-progress-meter --parallel --parallel-max 8 "${url}${sep}n=[1-${count}]" >/dev/null
}

# wrk_run URL SECONDS [EXTRA wrk ARGS]: prints "<requests/s> <p99 ms> <non-2xx> <socket errors>
# <requests>".
wrk_run() {
  local url="$1" seconds="$2"; shift 2
  wrk -t2 -c32 -d"${seconds}s" --latency "$@" -s "$BENCH_ROOT/bench/lua/report.lua" "$url" | awk '/^BENCH/ {print $2, $3, $4, $5, $6}'
}

# stats V1 V2 ...: prints "median min max" (median of an even count: the lower middle).
stats() {
  printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {printf "%s %s %s\n", v[int((NR+1)/2)], v[1], v[NR]}'
}

# row FIGURE OURS BASELINE RATIO TARGET VERDICT: one line of the report table.
row() {
  printf '| %s | %s | %s | %s | %s | %s |\n' "$@" | tee -a "$BENCH_OUT/rows.md"
}
