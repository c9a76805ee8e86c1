#!/usr/bin/env bash
# batch-sync performance (issues 4 and 18): wall time of one whole run that pulls 10,000 records from a
# local portal, JVM start included, OLD beside NEW in the image layout with a 512 MiB memory limit (as
# the CronJob): old = the last Java 17 commit (lib.sh JAVA17_BASELINE_COMMIT) on Java 17 with its image
# flags; new = this tree on Java 25 with today's image flags and the AOT cache (lib.sh aot_train).
# Targets: new <= 0.7x old, and new <= 10 s. Both pull from the same portal (this tree's, on Java 25).
# A real Pushgateway receives the runs' metrics when the binary is installed (memory-only, free port);
# otherwise pushing is disabled and the script says so.
# One warm-up run of each first (the portal's JIT warms up too); then RUNS rounds of old and new in
# turn: median/min/max.
# Usage: bench/batch-sync.sh   (builds missing jars; BUILD=1 rebuilds; IMAGE_JVM_FLAGS=" " runs the new
# side without the image's -XX:TieredStopAtLevel=1). Everything on 127.0.0.1.
# The machine is shared: read the figures as noisy; the ratio travels.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$BENCH_ROOT"

RUNS="${RUNS:-5}"
RECORDS="${RECORDS:-10000}"
BATCH_SIZE="${BATCH_SIZE:-100}"
TARGET_MS=10000
out="$BENCH_OUT/batch-sync"
mkdir -p "$out"

require_tools java curl python3
jar_copies "$out" portal batch-sync
old_build
portal_jar="$out/jars/portal.jar"
JAVA17="$JAVA17_HOME/bin/java"
JAVA25="$JAVA25_HOME/bin/java"
old_jar=$(extract_layout "$JAVA17" "$(old_jar batch-sync)" "$out/old")
new_jar=$(extract_layout "$JAVA25" "$out/jars/batch-sync.jar" "$out/new")
read -r -a old_jvm <<<"$(old_image_flags 512m)"
# IMAGE_JVM_FLAGS=" " compares the new side without the images' JIT flags (parent pom image.jit.flags).
read -r -a new_jvm <<<"$(container_jvm_flags 512m) ${IMAGE_JVM_FLAGS:-$(pom_property image.jit.flags)}"

pids=()
cleanup() { for pid in "${pids[@]}"; do stop_pid "$pid"; done; }
trap cleanup EXIT

portal_port=$(free_port)
PORTAL_RECORDS="$RECORDS" PORTAL_ADMIN_TOKEN="bench-$RANDOM$RANDOM" PORTAL_STATE_DIR="$out/portal-state" \
  start_jar "$portal_jar" "$portal_port" "$out/portal.log"
pids+=("$STARTED_PID")
wait_ready "http://127.0.0.1:$portal_port/health/readiness" 90

pushgateway_url=""
if command -v prometheus-pushgateway >/dev/null; then
  pg_port=$(free_port)
  # Debian's default --persistence.file is shared machine-wide: keep this one in memory.
  prometheus-pushgateway --web.listen-address="127.0.0.1:$pg_port" --persistence.file= >"$out/pushgateway.log" 2>&1 &
  pids+=("$!")
  wait_ready "http://127.0.0.1:$pg_port/-/ready" 30
  pushgateway_url="http://127.0.0.1:$pg_port"
else
  echo "bench: prometheus-pushgateway not installed: runs without pushing metrics" >&2
fi

# The new side's AOT cache, trained like the image's (exits after the refresh: no records pulled).
PORTAL_URL="http://127.0.0.1:$portal_port" PUSHGATEWAY_URL="$pushgateway_url" \
  aot_train "$out/new/app.aot" "$out/aot-training.log" "${new_jvm[@]}" -jar "$new_jar"
read -r -a new_jvm_aot <<<"${new_jvm[*]} $(aot_start_flags "$out/new/app.aot")"

# one_run LOG JAVA JVM_FLAGS... -jar JAR: prints the wall time in ms of one run; fails unless it exits
# 0 with every record ok.
one_run() {
  local log="$1" t0 status=0; shift
  t0=$(now_ms)
  PORTAL_URL="http://127.0.0.1:$portal_port" PUSHGATEWAY_URL="$pushgateway_url" BATCH_SIZE="$BATCH_SIZE" \
    "$@" >"$log" 2>&1 || status=$?
  local ms=$(( $(now_ms) - t0 ))
  ((status == 0)) || { echo "bench: batch-sync exited $status (log: $log)" >&2; return 1; }
  grep -q "records_ok=$RECORDS " "$log" || { echo "bench: not all $RECORDS records ok (log: $log)" >&2; return 1; }
  echo "$ms"
}

old_cmd=("$JAVA17" "${old_jvm[@]}" -jar "$old_jar")
new_cmd=("$JAVA25" "${new_jvm_aot[@]}" -jar "$new_jar")
one_run "$out/warm-up-old.log" "${old_cmd[@]}" >/dev/null
one_run "$out/warm-up-new.log" "${new_cmd[@]}" >/dev/null
old_times=(); times=()
for i in $(seq 1 "$RUNS"); do
  old_times+=("$(one_run "$out/run-old-$i.log" "${old_cmd[@]}")")
  times+=("$(one_run "$out/run-$i.log" "${new_cmd[@]}")")
  echo "round $i: old ${old_times[-1]} ms, new ${times[-1]} ms (load $(cut -d' ' -f1 /proc/loadavg))"
done
read -r median min max <<<"$(stats "${times[@]}")"
read -r omedian omin omax <<<"$(stats "${old_times[@]}")"
summary=$(grep -o 'event=run_finished.*' "$out/run-$RUNS.log")
verdict=$([[ "$median" -le "$TARGET_MS" ]] && echo PASS || echo FAIL)
ratio=$(awk -v a="$median" -v b="$omedian" 'BEGIN {printf "%.2f", a / b}')
row "batch-sync run over $RECORDS records, new vs old (JVM start included)" "$median ($min–$max) ms" \
  "$omedian ($omin–$omax) ms" "${ratio}x" "≤ 0.7x old" "$(awk -v r="$ratio" 'BEGIN {print (r <= 0.7) ? "met" : "MISSED"}')" >/dev/null

echo "## batch-sync: $RECORDS records, pages of $BATCH_SIZE, JVM start included ($RUNS rounds after 1 warm-up each)"
echo "old ($JAVA17_BASELINE_COMMIT, Java 17, ${old_jvm[*]}): wall ms median/min/max: $omedian / $omin / $omax"
echo "new (Java 25, ${new_jvm_aot[*]}):"
echo "wall ms median/min/max: $median / $min / $max   target <= $TARGET_MS ms: $verdict"
echo "new / old: ${ratio}x   target <= 0.7x: $(awk -v r="$ratio" 'BEGIN {print (r <= 0.7) ? "met" : "MISSED"}')"
echo "pushgateway: ${pushgateway_url:-disabled}"
echo "last run: $summary"
if [[ -n "$pushgateway_url" ]]; then
  curl -fs "$pushgateway_url/metrics" | grep -E '^batch_sync_' || true
fi
[[ "$verdict" == PASS ]]
