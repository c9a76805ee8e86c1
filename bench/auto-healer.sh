#!/usr/bin/env bash
# bench/auto-healer.sh: one auto-healer run over N pods in scope (50 crash-looping across 10
# Deployments, the rest healthy) against the fabric8 mock API server, for N = 1,000, 5,000 and
# 20,000. Prints the API requests each run made (only the pod list's pages of 500 grow with N) and
# the wall time from the job's start (Spring context, scan, decisions, patches, Events) to its exit
# code; target for 5,000 pods: <= 3 s. Each N runs in a fresh JVM, so every number is a cold
# start like the CronJob's.
#
# Usage: bench/auto-healer.sh [N ...]      (default: 5000 1000 20000)
# The machine may be shared and noisy: compare request counts exactly, wall times loosely.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/jdk.sh
source scripts/jdk.sh
jdk_use # `java` and ./mvnw on JDK 25

sizes=("$@")
((${#sizes[@]})) || sizes=(5000 1000 20000)

echo "== building auto-healer test classes and classpath"
./mvnw -B -q -ntp -pl auto-healer -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
classpath="auto-healer/target/classes:auto-healer/target/test-classes:$(cat auto-healer/target/bench.classpath)"

results=()
for pods in "${sizes[@]}"; do
  echo "== run over ${pods} pods"
  output=$(java -Xmx1g -XX:+UseSerialGC -cp "$classpath" \
    -Djava.util.logging.config.file=auto-healer/src/test/resources/jul.properties \
    com.hrt.sre.autohealer.bench.HealBenchmark "$pods")
  # The job's own summary (what `make heal` shows), then the measurement.
  grep -E "auto-healer run|^[0-9:.]+ INFO  HealJob   |result:" <<<"$output" || true
  # The run alone (scan to summary, without the JVM's and Spring's start), from the job's summary.
  run_ms=$(sed -nE 's/.*result: .* in ([0-9]+) ms, exit.*/\1/p' <<<"$output")
  results+=("$(grep '^RESULT' <<<"$output") run_ms=${run_ms} load=$(cut -d' ' -f1 /proc/loadavg)")
done

echo
echo "== results (api_requests = 45 + pages of 500 pods; wall_ms target <= 3000 at 5000 pods)"
printf '%s\n' "${results[@]}"
