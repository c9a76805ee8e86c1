#!/usr/bin/env bash
# batch-sync performance (issue 4): wall time of one whole run that pulls 10,000 records from a local
# portal, JVM start included (target <= 10 s), with the image's JVM flags and a 512 MiB memory limit
# (as the CronJob). A real Pushgateway receives the run's metrics when the binary is
# installed (memory-only, free port); otherwise pushing is disabled and the script says so.
# One warm-up run first (the portal's JIT warms up too); then RUNS measured runs: median/min/max.
# Usage: bench/batch-sync.sh   (builds missing jars; BUILD=1 rebuilds; IMAGE_JVM_FLAGS=" " compares
# without the image's -XX:TieredStopAtLevel=1). Everything on 127.0.0.1.
# The machine is shared: read the figures as noisy.
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
portal_jar="$out/jars/portal.jar"
batch_jar="$out/jars/batch-sync.jar"
# The image's JIT flags (parent pom image.jit.flags) on top of the shared container flags.
read -r -a jvm <<<"$(container_jvm_flags 512m) ${IMAGE_JVM_FLAGS:-$(pom_property image.jit.flags)}"

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

# one_run LOG: prints the wall time in ms of one run; fails unless it exits 0 with every record ok.
one_run() {
  local log="$1" t0 status=0
  t0=$(now_ms)
  PORTAL_URL="http://127.0.0.1:$portal_port" PUSHGATEWAY_URL="$pushgateway_url" BATCH_SIZE="$BATCH_SIZE" \
    java "${jvm[@]}" -jar "$batch_jar" >"$log" 2>&1 || status=$?
  local ms=$(( $(now_ms) - t0 ))
  ((status == 0)) || { echo "bench: batch-sync exited $status (log: $log)" >&2; return 1; }
  grep -q "records_ok=$RECORDS " "$log" || { echo "bench: not all $RECORDS records ok (log: $log)" >&2; return 1; }
  echo "$ms"
}

one_run "$out/warm-up.log" >/dev/null
times=()
for i in $(seq 1 "$RUNS"); do times+=("$(one_run "$out/run-$i.log")"); done
read -r median min max <<<"$(stats "${times[@]}")"
summary=$(grep -o 'event=run_finished.*' "$out/run-$RUNS.log")
verdict=$([[ "$median" -le "$TARGET_MS" ]] && echo PASS || echo FAIL)

echo "## batch-sync: $RECORDS records, pages of $BATCH_SIZE, JVM start included ($RUNS runs after 1 warm-up)"
echo "wall ms median/min/max: $median / $min / $max   target <= $TARGET_MS ms: $verdict"
echo "pushgateway: ${pushgateway_url:-disabled}"
echo "last run: $summary"
if [[ -n "$pushgateway_url" ]]; then
  curl -fs "$pushgateway_url/metrics" | grep -E '^batch_sync_' || true
fi
[[ "$verdict" == PASS ]]
