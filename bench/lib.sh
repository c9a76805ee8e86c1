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
# JAVA_BIN picks the java binary (default: the one on PATH).
start_jar() {
  local jar="$1" port="$2" log="$3"; shift 3
  local jvm=() app=()
  while (($#)); do [[ "$1" == "--" ]] && { shift; break; }; jvm+=("$1"); shift; done
  app=("$@")
  SERVER_PORT="$port" "${JAVA_BIN:-java}" "${jvm[@]}" -jar "$jar" --server.port="$port" --server.address=127.0.0.1 "${app[@]}" \
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

# cpu_ms PID: the user+sys CPU time the process has used so far, in ms (from /proc, 10 ms steps).
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$1/stat"; }

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

# ---- Old and new side by side (issue 18) --------------------------------------------------------
# "Old" is the last main commit built for and run on Java 17, with that commit's image flags; "new" is
# this tree on Java 25 with its flags and the AOT cache. Both run in the image layout (extracted jar).
JAVA17_BASELINE_COMMIT=5d842ab
JAVA17_HOME="${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
JAVA25_HOME="${JAVA25_HOME:-$JAVA_HOME}" # the JDK jdk_use picked above
# Where the old commit is unpacked and built once (reused while its marker file exists).
OLD_TREE="${OLD_TREE:-$BENCH_ROOT/.local/bench-java17-$JAVA17_BASELINE_COMMIT}"
# The modules whose old jars the benchmarks run (with -am: their reactor dependencies).
OLD_MODULES="portal,mock-slack,load-generator,gitops,batch-sync,auto-healer,bench/baseline"

# old_build: unpacks JAVA17_BASELINE_COMMIT into OLD_TREE and builds it with Java 17 and its own
# ./mvnw, once; later calls reuse it. The auto-healer's test class path is written too (its benchmark
# driver lives in the test sources).
old_build() {
  [[ -f "$OLD_TREE/.bench-built" ]] && return 0
  echo "bench: building $JAVA17_BASELINE_COMMIT with Java 17 into $OLD_TREE (once)" >&2
  rm -rf "$OLD_TREE" && mkdir -p "$OLD_TREE"
  git -C "$BENCH_ROOT" archive "$JAVA17_BASELINE_COMMIT" | tar -x -C "$OLD_TREE"
  (cd "$OLD_TREE" && JAVA_HOME="$JAVA17_HOME" PATH="$JAVA17_HOME/bin:$PATH" \
    ./mvnw -B -ntp -q -pl "$OLD_MODULES" -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >"$OLD_TREE/build.log" 2>&1) \
    || { echo "bench: the Java 17 build failed (see $OLD_TREE/build.log)" >&2; return 1; }
  touch "$OLD_TREE/.bench-built"
}

old_jar() { BENCH_ROOT="$OLD_TREE" module_jar "$1"; }

# old_pom_property NAME: a property of the old commit's parent pom (its image flags).
old_pom_property() { BENCH_ROOT="$OLD_TREE" pom_property "$1"; }

# old_image_flags [LIMIT] / new_image_flags [LIMIT]: what the images of each side run with.
old_image_flags() {
  echo "$(old_pom_property image.jvm.flags) -XX:MaxRAM=${1:-512m} $(old_pom_property image.jit.flags)"
}
new_image_flags() { image_jvm_flags "${1:-512m}"; }

# java_major [JAVA]: the feature release of a java binary (17, 25, ...).
java_major() { "${1:-java}" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -1; }

# The build and every "new" figure need Java 25; the machine's default java may be older.
if [[ "$(java_major java 2>/dev/null || echo 0)" -lt 25 && -x "$JAVA25_HOME/bin/java" ]]; then
  export JAVA_HOME="$JAVA25_HOME" PATH="$JAVA25_HOME/bin:$PATH"
fi

# extract_layout JAVA JAR DIR: the image layout (application jar + lib/, as Jib's class path), made by
# the same JDK that will run it; prints the extracted jar's path.
extract_layout() {
  local java="$1" jar="$2" dir="$3"
  rm -rf "$dir"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
  find "$dir" -maxdepth 1 -name '*.jar' | head -1
}

# ---- The new start mechanism: the JDK 25 AOT cache ------------------------------------------------
# Kept in these two functions so the benchmarks follow whatever the images and local mode choose.
# Spring Boot's documented training run: one start with -XX:AOTCacheOutput that exits after the
# context refresh; later starts map the cache with -XX:AOTCache. The cache is only valid for the JDK
# build and the class path it was trained with, so it is trained on the extracted layout it serves.

# aot_train CACHE LOG JAVA_ARGS...: one training run of Java 25 with JAVA_ARGS (flags, then -jar/-cp
# and app args) to the context refresh; fails when no cache was written.
aot_train() {
  local cache="$1" log="$2"; shift 2
  aot_train_run "$cache" "$log" -Dspring.context.exit=onRefresh "$@"
}

# aot_train_run CACHE LOG JAVA_ARGS...: a training run to the application's own end, as the
# auto-healer's image trains (scripts/train-aot-cache.sh: one whole heal).
aot_train_run() {
  local cache="$1" log="$2"; shift 2
  rm -f "$cache"
  "$JAVA25_HOME/bin/java" -XX:AOTCacheOutput="$cache" "$@" >"$log" 2>&1 || true
  [[ -s "$cache" ]] || { echo "bench: AOT training wrote no cache $cache (see $log)" >&2; return 1; }
}

# aot_start_flags CACHE: the flags a start with the cache adds.
aot_start_flags() { echo "-XX:AOTCache=$1"; }
