#!/usr/bin/env bash
# bench/auto-healer.sh: auto-healer runs over N pods in scope (50 crash-looping across 10
# Deployments, the rest healthy) against the fabric8 mock API server. Two figures:
#   1. issue 18: wall time per run over 5,000 pods, JVM start included, OLD beside NEW in RUNS
#      interleaved rounds, each run the image's jar in its own process as the CronJob starts it (the
#      image layout, a 512 MiB limit), measured from the exec of java to its exit: old = the last
#      Java 17 commit (lib.sh JAVA17_BASELINE_COMMIT) on Java 17 with its image flags; new = this
#      tree on Java 25 with today's image flags and the AOT cache (lib.sh aot_train_run, trained as
#      the image's is: one whole run against the API server over 1,000 pods). Before every run a
#      fresh API server (HealBenchmark serve, in the auto-healer's test sources, untimed) starts,
#      warms up and writes the kubeconfig the healer reads, as kubectl's; a run's patches would put
#      the next run in cooldown. Target: new <= 0.7x old.
#   2. the API requests one run makes over 1,000 / 5,000 / 20,000 pods (only the pod list's pages of
#      500 grow with N), and the run's own time (Spring context, scan, decisions, patches, Events):
#      the driver runs the healer in the API server's JVM (HealBenchmark N) to count its requests.
#
# Usage: bench/auto-healer.sh [N ...]      (default: 5000 1000 20000; the old/new rounds use 5000)
# The machine may be shared and noisy: compare request counts exactly, wall times by their ratio.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$BENCH_ROOT"

RUNS="${RUNS:-5}"
PODS="${PODS:-5000}"
sizes=("$@")
((${#sizes[@]})) || sizes=(5000 1000 20000)
out="$BENCH_OUT/auto-healer"
mkdir -p "$out"
JAVA17="$JAVA17_HOME/bin/java"
JAVA25="$JAVA25_HOME/bin/java"

echo "== building the auto-healer (new), its test classes (the API server), and the Java 17 build (old)"
jar_copies "$out" auto-healer
./mvnw -B -q -ntp -pl auto-healer -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
old_build
driver=(-cp "auto-healer/target/classes:auto-healer/target/test-classes:$(cat auto-healer/target/bench.classpath)"
  -Djava.util.logging.config.file=auto-healer/src/test/resources/jul.properties
  com.hrt.sre.autohealer.bench.HealBenchmark)
old_jar=$(extract_layout "$JAVA17" "$(old_jar auto-healer)" "$out/old")
new_jar=$(extract_layout "$JAVA25" "$out/jars/auto-healer.jar" "$out/new")
read -r -a old_jvm <<<"$(old_image_flags 512m)"
read -r -a new_jvm <<<"$(new_image_flags 512m)"
read -r -a driver_jvm <<<"$(new_image_flags 1g)"

api_pid=""
trap 'if [[ -n "$api_pid" ]]; then stop_pid "$api_pid"; fi' EXIT

# serve_api PODS LOG: a fresh API server over PODS pods; returns once it has written its kubeconfig
# ($out/kubeconfig), warmed up. Sets api_pid.
serve_api() {
  local kubeconfig="$out/kubeconfig"
  rm -f "$kubeconfig"
  "$JAVA25" "${driver[@]}" serve "$1" "$kubeconfig" >"$2" 2>&1 &
  api_pid=$!
  for _ in $(seq 1 1200); do
    [[ -s "$kubeconfig" ]] && return 0
    kill -0 "$api_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: the API server did not start (log: $2)" >&2
  return 1
}

# timed_run LOG PODS CMD...: one healer run in its own JVM against a fresh API server; prints its
# wall time in ms, JVM start included; fails unless it exited 0 having healed (restarted=5).
timed_run() {
  local log="$1" pods="$2" t0 ms status=0; shift 2
  serve_api "$pods" "$log.api"
  t0=$(now_ms)
  KUBECONFIG="$out/kubeconfig" "$@" >"$log" 2>&1 || status=$?
  ms=$(( $(now_ms) - t0 ))
  stop_pid "$api_pid"; api_pid=""
  ((status == 0)) || { echo "bench: the healer exited $status (log: $log)" >&2; return 1; }
  grep -q 'result: restarted=5 ' "$log" || { echo "bench: the healer did not heal (log: $log)" >&2; return 1; }
  echo "$ms"
}

# The cache is trained as the image's (scripts/train-aot-cache.sh): one whole run against the API
# server over 1,000 pods, not the rounds' 5,000.
serve_api 1000 "$out/aot-training.log.api"
KUBECONFIG="$out/kubeconfig" aot_train_run "$out/new/app.aot" "$out/aot-training.log" "${new_jvm[@]}" -jar "$new_jar"
stop_pid "$api_pid"; api_pid=""
grep -q 'result: restarted=' "$out/aot-training.log" || { echo "bench: the training run healed nothing (log: $out/aot-training.log)" >&2; exit 1; }
read -r -a aot <<<"$(aot_start_flags "$out/new/app.aot")"
old_cmd=("$JAVA17" "${old_jvm[@]}" -jar "$old_jar")
new_cmd=("$JAVA25" "${new_jvm[@]}" "${aot[@]}" -jar "$new_jar")

echo "== $RUNS rounds over $PODS pods, old and new in turn, after one warm-up run each (load $(cut -d' ' -f1-3 /proc/loadavg))"
timed_run "$out/warm-up-old.log" "$PODS" "${old_cmd[@]}" >/dev/null
timed_run "$out/warm-up-new.log" "$PODS" "${new_cmd[@]}" >/dev/null
old_ms=(); new_ms=()
for i in $(seq 1 "$RUNS"); do
  old_ms+=("$(timed_run "$out/old-$i.log" "$PODS" "${old_cmd[@]}")")
  new_ms+=("$(timed_run "$out/new-$i.log" "$PODS" "${new_cmd[@]}")")
  echo "round $i: old ${old_ms[-1]} ms, new ${new_ms[-1]} ms (load $(cut -d' ' -f1 /proc/loadavg))"
done
read -r om omin omax <<<"$(stats "${old_ms[@]}")"
read -r nm nmin nmax <<<"$(stats "${new_ms[@]}")"
ratio=$(awk -v a="$nm" -v b="$om" 'BEGIN {printf "%.2f", a / b}')
verdict=$(awk -v r="$ratio" 'BEGIN {print (r <= 0.7) ? "met" : "MISSED"}')
row "auto-healer run over $PODS pods, new vs old (JVM start included)" "$nm ($nmin–$nmax) ms" \
  "$om ($omin–$omax) ms" "${ratio}x" "≤ 0.7x old" "$verdict" >/dev/null
echo "old ($JAVA17_BASELINE_COMMIT, Java 17, ${old_jvm[*]}): wall ms median/min/max: $om / $omin / $omax"
echo "new (Java 25, ${new_jvm[*]} ${aot[*]}): wall ms median/min/max: $nm / $nmin / $nmax"
echo "new / old: ${ratio}x   target <= 0.7x: $verdict"

# one_run LOG PODS: the healer in the API server's JVM (Java 25, today's flags, 1 GiB: the JVM holds
# the pods too); prints "<wall ms of the process> <the driver's RESULT line>"; fails unless it exited 0.
one_run() {
  local log="$1" pods="$2" t0 ms
  t0=$(now_ms)
  "$JAVA25" "${driver_jvm[@]}" "${driver[@]}" "$pods" >"$log" 2>&1 \
    || { echo "bench: the healer run failed (log: $log)" >&2; return 1; }
  ms=$(( $(now_ms) - t0 ))
  grep -q '^RESULT .* exit=0' "$log" || { echo "bench: the healer exited non-zero (log: $log)" >&2; return 1; }
  echo "$ms $(grep '^RESULT' "$log")"
}

results=()
for pods in "${sizes[@]}"; do
  echo "== new run over ${pods} pods"
  run=$(one_run "$out/size-$pods.log" "$pods")
  read -r ms result <<<"$run"
  # The job's own summary (what `make heal` shows), then the measurement.
  grep -E "auto-healer run|^[0-9:.]+ INFO  HealJob   |result:" "$out/size-$pods.log" || true
  # The run alone (scan to summary, without the JVM's and Spring's start), from the job's summary.
  run_ms=$(sed -nE 's/.*result: .* in ([0-9]+) ms, exit.*/\1/p' "$out/size-$pods.log")
  results+=("$result run_ms=${run_ms} process_ms=$ms load=$(cut -d' ' -f1 /proc/loadavg)")
done

echo
echo "== results (api_requests = 45 + pages of 500 pods; wall_ms: the job from its start to its exit code)"
printf '%s\n' "${results[@]}"
