#!/usr/bin/env bash
# Virtual threads (issue 18, docs/runtime-threads.md): what spring.threads.virtual.enabled does to the
# load generator and to a slow portal. The portal runs with latency chaos (LATENCY_MS, default 1500:
# more requests in flight than Tomcat's 200 platform threads at 200 req/s); the load generator sends
# RATE requests/s (default 200) to it with MAX_IN_FLIGHT (default 500, shipped 64) and REQUEST_TIMEOUT
# (default 10s, shipped 2s) so that neither its own cap nor a CPU-starved shared machine is what
# limits the traffic. Three runs, one line each:
#   both on           the shipped configuration
#   load-generator off  what virtual threads change in the load generator
#   portal off        what they change in the slow portal
# Per run, over a WINDOW (default 20 s) after a WARMUP (default 10 s): the generator's outcomes per
# second (answered 2xx, timed out, dropped at its in-flight cap, other errors), and each JVM's
# peak OS threads (/proc/PID/status, i.e. platform threads, JVM-internal ones included) and RSS.
# Both JVMs run with the images' JVM flags and a 512 MiB memory limit, on free ports.
# Usage: bench/virtual-threads.sh   (builds missing jars; BUILD=1 rebuilds; RATE=, LATENCY_MS=,
# MAX_IN_FLIGHT=, REQUEST_TIMEOUT=, WINDOW=, WARMUP= override). The machine is shared: read the figures as noisy.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$BENCH_ROOT"

RATE="${RATE:-200}"
LATENCY_MS="${LATENCY_MS:-1500}"
MAX_IN_FLIGHT="${MAX_IN_FLIGHT:-500}"
REQUEST_TIMEOUT="${REQUEST_TIMEOUT:-10s}"
WINDOW="${WINDOW:-20}"
WARMUP="${WARMUP:-10}"
out="$BENCH_OUT/virtual-threads"
mkdir -p "$out"

require_tools java curl python3
jar_copies "$out" portal load-generator
read -r -a jvm <<<"$(image_jvm_flags 512m)"

pids=()
cleanup() { for pid in "${pids[@]}"; do stop_pid "$pid"; done; pids=(); }
trap cleanup EXIT

# outcomes URL: "success timeout dropped other" totals of loadgen_requests_total.
outcomes() {
  curl -fs "$1/metrics" | python3 -c '
import re, sys
totals = {"success": 0.0, "timeout": 0.0, "dropped": 0.0, "other": 0.0}
for line in sys.stdin:
    m = re.match(r"^loadgen_requests_total\{.*outcome=\"([a-z_]+)\".*\} (\S+)$", line)
    if m:
        key = m.group(1) if m.group(1) in totals else "other"
        totals[key] += float(m.group(2))
print(" ".join(str(int(v)) for v in totals.values()))'
}
os_threads() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }

# run LABEL PORTAL_VIRTUAL LOADGEN_VIRTUAL: one line of the table.
run() {
  local label="$1" portal_virtual="$2" loadgen_virtual="$3"
  local portal_port loadgen_port portal_pid loadgen_pid url
  portal_port=$(free_port)
  LATENCY_MS="$LATENCY_MS" start_jar "$out/jars/portal.jar" "$portal_port" "$out/portal-$label.log" \
    "${jvm[@]}" -- --spring.threads.virtual.enabled="$portal_virtual"
  portal_pid="$STARTED_PID"; pids+=("$portal_pid")
  wait_ready "http://127.0.0.1:$portal_port/health/readiness" 300

  loadgen_port=$(free_port)
  TARGET_URL="http://127.0.0.1:$portal_port" RATE="$RATE" \
    start_jar "$out/jars/load-generator.jar" "$loadgen_port" "$out/load-generator-$label.log" \
    "${jvm[@]}" -- --spring.threads.virtual.enabled="$loadgen_virtual" \
    --load-generator.max-in-flight="$MAX_IN_FLIGHT" --load-generator.request-timeout="$REQUEST_TIMEOUT"
  loadgen_pid="$STARTED_PID"; pids+=("$loadgen_pid")
  url="http://127.0.0.1:$loadgen_port"
  wait_ready "$url/health/readiness" 300

  sleep "$WARMUP"
  local t0 t1 before after peak_portal=0 peak_loadgen=0 n
  t0=$(date +%s%N); before=$(outcomes "$url")
  for _ in $(seq 1 "$WINDOW"); do
    sleep 1
    n=$(os_threads "$portal_pid"); ((n > peak_portal)) && peak_portal=$n
    n=$(os_threads "$loadgen_pid"); ((n > peak_loadgen)) && peak_loadgen=$n
  done
  t1=$(date +%s%N); after=$(outcomes "$url")
  python3 - "$label" "$t0" "$t1" "$before" "$after" "$peak_loadgen" "$(rss_mb "$loadgen_pid")" \
    "$peak_portal" "$(rss_mb "$portal_pid")" <<'PY' | tee -a "$out/result.md"
import sys
label, t0, t1, before, after, lg_threads, lg_rss, p_threads, p_rss = sys.argv[1:]
seconds = (int(t1) - int(t0)) / 1e9
per_s = [(int(a) - int(b)) / seconds for a, b in zip(after.split(), before.split())]
print(f"| {label} | {per_s[0]:.0f} | {per_s[1]:.0f} | {per_s[2]:.0f} | {per_s[3]:.0f} "
      f"| {lg_threads} | {lg_rss} | {p_threads} | {p_rss} |")
PY
  cleanup
}

{
  echo "## Virtual threads: $RATE req/s against a portal with ${LATENCY_MS} ms of latency chaos"
  echo "load-generator max-in-flight $MAX_IN_FLIGHT, request timeout $REQUEST_TIMEOUT; ${WINDOW} s window; $(nproc) cores, shared"
  echo
  echo "| virtual threads | answered/s | timed out/s | dropped/s | other/s | load-generator threads | load-generator RSS MB | portal threads | portal RSS MB |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} | tee "$out/result.md"
run "both on" true true
run "load-generator off" true false
run "portal off" false true
