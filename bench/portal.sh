#!/usr/bin/env bash
# Portal performance figures (issue 2), on free ports, with the images' container JVM flags:
#   1. startup to /health/readiness UP: median of RUNS cold starts (target ≤ 3 s), in two layouts of
#      the packaged jar: `java -jar portal.jar` (classes loaded from jars nested in the jar), and the
#      jar extracted (`-Djarmode=tools extract`: the application jar plus lib/*.jar on a plain class
#      path), which is how the Jib image runs it. CDS=1 adds a run with a CDS archive (informational).
#   2. RSS after 10,000 requests of GET /api/records?size=20 (target ≤ 250 MB), extracted layout
#   3. wrk throughput and p99 of GET /api/records?size=20 with the request metrics on and off
#      (target: on ≥ 85% of off), extracted layout. "Off" disables the http.server.requests
#      observation (management.observations.enable.http.server.requests=false): no timer, no buckets.
#      Besides requests/s (which swings with whatever else runs on a shared machine), it reports the
#      portal JVM's own CPU time per request (user+sys from /proc), which other processes do not
#      change: off/on of that is the throughput ratio the portal would reach on a machine of its own.
# The container's memory limit is simulated with -XX:MaxRAM (CONTAINER_MEMORY, default 512m), which
# the JVM's ergonomics treat exactly like a cgroup limit: MaxRAMPercentage=70 then gives ~358 MB heap.
# Usage: bench/portal.sh        (builds the jar if missing; BUILD=1 forces a rebuild)
# The machine is shared: run it when it is quiet, and read the figures as noisy.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" # ports, JVM flags, stop_pid, stats, fixed_requests, wrk_run
root="$BENCH_ROOT"
cd "$root"

RUNS="${RUNS:-5}"
REQUESTS="${REQUESTS:-10000}"
WRK_SECONDS="${WRK_SECONDS:-5}"
WRK_ROUNDS="${WRK_ROUNDS:-6}"
CONTAINER_MEMORY="${CONTAINER_MEMORY:-512m}"
out="${BENCH_OUT:-$root/bench/results}/portal"
mkdir -p "$out"
path="/api/records?size=20"

for tool in wrk curl java python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required (apt-get install -y $tool)" >&2; exit 1; }
done

jar="$root/portal/target/portal-0.1.0-SNAPSHOT.jar"
if [[ "${BUILD:-0}" == 1 || ! -f "$jar" ]]; then
  ./mvnw -q -B -ntp -pl portal -am package -DskipTests
fi
# A private copy: a build running meanwhile (a shared machine) must not swap the jar under the JVM.
cp "$(find "$root/portal/target" -maxdepth 1 -name 'portal-*.jar' ! -name '*-plain.jar' | head -1)" "$out/portal.jar"
jar="$out/portal.jar"
rm -rf "$out/extracted"
java -Djarmode=tools -jar "$jar" extract --destination "$out/extracted" >/dev/null
extracted="$out/extracted/portal.jar"

# The image's JVM flags: the container flags and the images' JIT flags (parent pom).
read -r -a jvm_flags <<<"$(image_jvm_flags "$CONTAINER_MEMORY")"

pid=""
stop_portal() {
  [[ -z "$pid" ]] || stop_pid "$pid"
  pid=""
}
trap stop_portal EXIT

# start_portal LOG [APP ARGS...]: starts the extracted jar on a free port; sets pid and port.
# JAR and EXTRA_JVM (space-separated) override the layout and add JVM flags.
start_portal() {
  local log="$1"; shift
  local extra=()
  read -r -a extra <<<"${EXTRA_JVM:-}"
  port=$(free_port)
  java "${jvm_flags[@]}" "${extra[@]}" -jar "${JAR:-$extracted}" --server.port="$port" \
    --server.address=127.0.0.1 "$@" >"$log" 2>&1 &
  pid=$!
}

# wait_portal_ready: polls the started portal's readiness every 20 ms, up to 60 s.
wait_portal_ready() {
  local start; start=$(now_ms)
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health/readiness"; do
    (($(now_ms) - start < 60000)) || { echo "bench: portal not ready in 60 s" >&2; exit 1; }
    kill -0 "$pid" 2>/dev/null || { echo "bench: portal exited, see $out" >&2; exit 1; }
    sleep 0.02
  done
}

median() { local m; read -r m _ _ <<<"$(stats "$@")"; echo "$m"; }

# cpu_ticks PID: user+sys CPU time the process has used, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks_per_second=$(getconf CLK_TCK)

verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN {ok = (dir == "le") ? v <= t : v >= t; print ok ? "met" : "MISSED"}'; }

echo "portal bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), JVM flags: ${jvm_flags[*]}"

# 1. Startup to readiness: RUNS of each layout, interleaved so background noise hits both alike.
startup_ms() { # startup_ms LOG: one cold start; prints "<ms to readiness UP> <CPU ms used by then>"
  local t0 ms; t0=$(now_ms)
  start_portal "$1"
  wait_portal_ready
  ms=$(($(now_ms) - t0))
  echo "$ms $(($(cpu_ticks "$pid") * 1000 / ticks_per_second))"
  stop_portal
}
jar_runs=(); extracted_runs=(); extracted_cpu=(); cds_runs=()
if [[ "${CDS:-0}" == 1 ]]; then
  # Spring Boot's documented CDS training run: start once, exit after the refresh, dump the archive.
  java "${jvm_flags[@]}" -XX:ArchiveClassesAtExit="$out/extracted/app.jsa" -Dspring.context.exit=onRefresh \
    -jar "$extracted" --server.port=0 >"$out/cds-training.log" 2>&1 || true
fi
for i in $(seq 1 "$RUNS"); do
  read -r ms _ <<<"$(JAR="$jar" startup_ms "$out/startup-jar-$i.log")"
  jar_runs+=("$ms")
  read -r ms cpu_ms <<<"$(startup_ms "$out/startup-extracted-$i.log")"
  extracted_runs+=("$ms"); extracted_cpu+=("$cpu_ms")
  if [[ -f "$out/extracted/app.jsa" && "${CDS:-0}" == 1 ]]; then
    read -r ms _ <<<"$(EXTRA_JVM="-XX:SharedArchiveFile=$out/extracted/app.jsa" startup_ms "$out/startup-cds-$i.log")"
    cds_runs+=("$ms")
  fi
done
jar_startup=$(median "${jar_runs[@]}")
startup=$(median "${extracted_runs[@]}")
echo "startup runs (ms): java -jar: ${jar_runs[*]}; extracted: ${extracted_runs[*]}; CDS: ${cds_runs[*]:-not run}"

# 2. RSS after REQUESTS requests (after a short warm-up, as in production).
start_portal "$out/memory.log"
wait_portal_ready
fixed_requests "http://127.0.0.1:$port$path" "$REQUESTS"
rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
stop_portal

# 3. Throughput with metrics on and off: a warmed-up JVM each, WRK_ROUNDS measured rounds each,
# rounds interleaved between the two so background noise hits both alike.
declare -A rps p99 cpu bad
start_on_off() { # start_on_off MODE LOG
  if [[ "$1" == on ]]; then
    start_portal "$2"
  else
    start_portal "$2" --management.observations.enable.http.server.requests=false
  fi
}
declare -A pids ports
for mode in on off; do
  start_on_off "$mode" "$out/wrk-metrics-$mode.log"
  wait_portal_ready
  # Warm-up by request count, not time, so the JIT has seen the same work however busy the machine.
  fixed_requests "http://127.0.0.1:$port$path" "${WARMUP_REQUESTS:-80000}"
  pids[$mode]=$pid; ports[$mode]=$port; pid=""
done
for round in $(seq 1 "$WRK_ROUNDS"); do
  for mode in on off; do
    port=${ports[$mode]}
    before=$(cpu_ticks "${pids[$mode]}")
    read -r r p n s total <<<"$(wrk_run "http://127.0.0.1:$port$path" "$WRK_SECONDS")"
    used=$(($(cpu_ticks "${pids[$mode]}") - before))
    us=$(awk -v t="$used" -v hz="$ticks_per_second" -v n="$total" 'BEGIN {printf "%.1f", 1e6 * t / hz / n}')
    rps[$mode]+="$r "; p99[$mode]+="$p "; cpu[$mode]+="$us "; bad[$mode]=$((${bad[$mode]:-0} + n + s))
    echo "round $round metrics $mode: $r req/s, p99 $p ms, $us µs CPU/request, non-2xx $n, socket errors $s"
  done
done
# Check that "off" really had no request timer, and "on" had one.
on_series=$(curl -fs "http://127.0.0.1:${ports[on]}/metrics" | grep -c '^http_server_requests_seconds_bucket' || true)
off_series=$(curl -fs "http://127.0.0.1:${ports[off]}/metrics" | grep -c '^http_server_requests_seconds_bucket' || true)
for mode in on off; do pid=${pids[$mode]}; stop_portal; done

median_of() { local values; read -r -a values <<<"$1"; median "${values[@]}"; }
on_rps=$(median_of "${rps[on]}"); off_rps=$(median_of "${rps[off]}")
on_p99=$(median_of "${p99[on]}"); off_p99=$(median_of "${p99[off]}")
on_cpu=$(median_of "${cpu[on]}"); off_cpu=$(median_of "${cpu[off]}")
ratio=$(awk -v a="$on_rps" -v b="$off_rps" 'BEGIN {printf "%.0f", 100 * a / b}')
cpu_ratio=$(awk -v on="$on_cpu" -v off="$off_cpu" 'BEGIN {printf "%.0f", 100 * off / on}')

{
  echo
  echo "| figure | value | target | verdict |"
  echo "| --- | --- | --- | --- |"
  echo "| startup to readiness, extracted (image layout), median of $RUNS | $startup ms (runs: ${extracted_runs[*]}) | ≤ 3000 ms | $(verdict "$startup" 3000 le) |"
  echo "| CPU time to readiness, extracted, median of $RUNS | $(median "${extracted_cpu[@]}") ms (runs: ${extracted_cpu[*]}) | — | — |"
  echo "| startup to readiness, java -jar, median of $RUNS | $jar_startup ms (runs: ${jar_runs[*]}) | ≤ 3000 ms | $(verdict "$jar_startup" 3000 le) |"
  if ((${#cds_runs[@]})); then
    echo "| startup to readiness, extracted + CDS archive, median of $RUNS | $(median "${cds_runs[@]}") ms (runs: ${cds_runs[*]}) | — | — |"
  fi
  echo "| RSS after $REQUESTS requests ($CONTAINER_MEMORY container) | $rss MB | ≤ 250 MB | $(verdict "$rss" 250 le) |"
  echo "| GET $path, metrics on | $on_rps req/s, p99 $on_p99 ms, $on_cpu µs CPU/request (histogram series: $on_series) | — | — |"
  echo "| GET $path, metrics off | $off_rps req/s, p99 $off_p99 ms, $off_cpu µs CPU/request (histogram series: $off_series) | — | — |"
  echo "| metrics on / off, requests/s (noisy) | ${ratio}% | ≥ 85% | $(verdict "$ratio" 85 ge) |"
  echo "| metrics on / off, CPU per request (off/on) | ${cpu_ratio}% | ≥ 85% | $(verdict "$cpu_ratio" 85 ge) |"
  echo "| non-2xx or socket errors during wrk | on ${bad[on]}, off ${bad[off]} | 0 | $(verdict "$((bad[on] + bad[off]))" 0 le) |"
} | tee "$out/summary.md"
