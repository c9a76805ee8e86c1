#!/usr/bin/env bash
# bench/auto-healer.sh: auto-healer runs over N pods in scope (50 crash-looping across 10
# Deployments, the rest healthy) against the fabric8 mock API server, each in a fresh JVM like the
# CronJob's. Two figures:
#   1. issue 18: wall time per run over 5,000 pods, JVM start included (measured from outside, from
#      the exec of java to its exit), OLD beside NEW in RUNS interleaved rounds: old = the last Java 17
#      commit (lib.sh JAVA17_BASELINE_COMMIT) on Java 17 with its image flags; new = this tree on Java 25
#      with today's image flags and the AOT cache (lib.sh aot_train). Target: new <= 0.7x old.
#   2. the API requests one run makes over 1,000 / 5,000 / 20,000 pods (only the pod list's pages of
#      500 grow with N), and the run's own time (Spring context, scan, decisions, patches, Events).
# The driver (HealBenchmark, in the auto-healer's test sources) serves the mock API server from the
# same JVM, so both sides also pay for starting it and building the pod list: the ratio is a lower
# bound of what the healer alone gains. Both sides get a 1 GiB limit (the driver holds the pods too).
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

echo "== building auto-healer test classes and classpath (new), and the Java 17 build (old)"
./mvnw -B -q -ntp -pl auto-healer -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
old_build
# test_classpath TREE SIDE: the driver's class path in that tree, its class folders packed into jars
# under $out/SIDE (an AOT cache takes only jars on the class path; both sides get the same layout).
test_classpath() {
  local tree="$1" dir="$out/$2" entry n=0 cp=()
  rm -rf "$dir" && mkdir -p "$dir"
  IFS=: read -r -a entries <<<"$tree/auto-healer/target/classes:$tree/auto-healer/target/test-classes:$(cat "$tree/auto-healer/target/bench.classpath")"
  for entry in "${entries[@]}"; do
    if [[ -d "$entry" ]]; then
      n=$((n + 1)); "$JAVA25_HOME/bin/jar" --create --file "$dir/classes-$n.jar" -C "$entry" .
      entry="$dir/classes-$n.jar"
    fi
    cp+=("$entry")
  done
  (IFS=:; echo "${cp[*]}")
}
driver=(-Djava.util.logging.config.file=auto-healer/src/test/resources/jul.properties
  com.hrt.sre.autohealer.bench.HealBenchmark)
read -r -a old_jvm <<<"$(old_image_flags 1g)"
read -r -a new_jvm <<<"$(new_image_flags 1g)"
old_cmd=("$JAVA17_HOME/bin/java" "${old_jvm[@]}" -cp "$(test_classpath "$OLD_TREE" old)" "${driver[@]}")
new_plain=("${new_jvm[@]}" -cp "$(test_classpath "$BENCH_ROOT" new)" "${driver[@]}")
aot_train "$out/app.aot" "$out/aot-training.log" "${new_plain[@]}" "$PODS"
read -r -a aot <<<"$(aot_start_flags "$out/app.aot")"
new_cmd=("$JAVA25_HOME/bin/java" "${aot[@]}" "${new_plain[@]}")

# one_run LOG PODS CMD...: prints "<wall ms, JVM start included> <the driver's RESULT line>"; fails
# unless the job exited 0.
one_run() {
  local log="$1" pods="$2" t0 ms; shift 2
  t0=$(now_ms)
  "$@" "$pods" >"$log" 2>&1 || { echo "bench: the healer run failed (log: $log)" >&2; return 1; }
  ms=$(( $(now_ms) - t0 ))
  grep -q '^RESULT .* exit=0' "$log" || { echo "bench: the healer exited non-zero (log: $log)" >&2; return 1; }
  echo "$ms $(grep '^RESULT' "$log")"
}

echo "== $RUNS rounds over $PODS pods, old and new in turn (load $(cut -d' ' -f1-3 /proc/loadavg))"
old_ms=(); new_ms=()
for i in $(seq 1 "$RUNS"); do
  run=$(one_run "$out/old-$i.log" "$PODS" "${old_cmd[@]}"); old_ms+=("${run%% *}")
  run=$(one_run "$out/new-$i.log" "$PODS" "${new_cmd[@]}"); new_ms+=("${run%% *}")
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

results=()
for pods in "${sizes[@]}"; do
  echo "== new run over ${pods} pods"
  run=$(one_run "$out/size-$pods.log" "$pods" "${new_cmd[@]}")
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
