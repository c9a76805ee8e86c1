#!/usr/bin/env bash
# load-generator performance (issue 4): against a local portal, at RATE requests/s (default 200),
#   1. achieved rate over a WINDOW (default 30 s, after a 10 s warm-up), from the generator's own
#      loadgen_requests_total (every outcome but dropped) and, as a cross-check, from what the portal
#      counted (http_server_requests_seconds_count of /api/records*): target within 2% of RATE;
#   2. the CPU the generator needs for it, as a share of one core (utime+stime from /proc over the
#      same window), and its RSS at the end.
# Both JVMs run with the images' JVM flags and a 512 MiB memory limit, on free ports.
# Usage: bench/load-generator.sh   (builds missing jars; BUILD=1 rebuilds; RATE=, WINDOW= override)
# The machine is shared and the portal runs on the same 2 cores: read the figures as noisy.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$BENCH_ROOT"

RATE="${RATE:-200}"
WINDOW="${WINDOW:-30}"
WARMUP="${WARMUP:-10}"
TOLERANCE_PCT=2
out="$BENCH_OUT/load-generator"
mkdir -p "$out"

require_tools java curl python3 getconf
jar_copies "$out" portal load-generator
read -r -a jvm <<<"$(image_jvm_flags 512m)"

pids=()
cleanup() { for pid in "${pids[@]}"; do stop_pid "$pid"; done; }
trap cleanup EXIT

portal_port=$(free_port)
PORTAL_ADMIN_TOKEN="bench-$RANDOM$RANDOM" PORTAL_STATE_DIR="$out/portal-state" \
  start_jar "$out/jars/portal.jar" "$portal_port" "$out/portal.log" "${jvm[@]}"
pids+=("$STARTED_PID")
wait_ready "http://127.0.0.1:$portal_port/health/readiness" 90

loadgen_port=$(free_port)
TARGET_URL="http://127.0.0.1:$portal_port" RATE="$RATE" \
  start_jar "$out/jars/load-generator.jar" "$loadgen_port" "$out/load-generator.log" "${jvm[@]}"
loadgen_pid="$STARTED_PID"
pids+=("$loadgen_pid")
wait_ready "http://127.0.0.1:$loadgen_port/health/readiness" 90

# sum_metric URL NAME LABEL_REGEX: sum of the samples of NAME whose labels match LABEL_REGEX.
sum_metric() {
  curl -fs "$1/metrics" | python3 -c '
import re, sys
name, labels = sys.argv[1], re.compile(sys.argv[2])
total = 0.0
for line in sys.stdin:
    m = re.match(r"^" + re.escape(name) + r"\{(.*)\} (\S+)$", line)
    if m and labels.search(m.group(1)):
        total += float(m.group(2))
print(int(total))' "$2" "$3"
}
sent() { sum_metric "http://127.0.0.1:$loadgen_port" loadgen_requests_total 'outcome="(success|http_error|timeout|connection_error)"'; }
by_outcome() { sum_metric "http://127.0.0.1:$loadgen_port" loadgen_requests_total "outcome=\"$1\""; }
received() { sum_metric "http://127.0.0.1:$portal_port" http_server_requests_seconds_count 'uri="/api/records[^"]*"'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$loadgen_pid/stat"; }

sleep "$WARMUP"
t0=$(date +%s%N); sent0=$(sent); recv0=$(received); cpu0=$(cpu_ticks); dropped0=$(by_outcome dropped)
sleep "$WINDOW"
t1=$(date +%s%N); sent1=$(sent); recv1=$(received); cpu1=$(cpu_ticks); dropped1=$(by_outcome dropped)

python3 - "$RATE" "$TOLERANCE_PCT" "$t0" "$t1" "$sent0" "$sent1" "$recv0" "$recv1" "$cpu0" "$cpu1" \
  "$(getconf CLK_TCK)" "$dropped0" "$dropped1" "$(rss_mb "$loadgen_pid")" "$(nproc)" <<'PY' | tee "$out/result.txt"
import sys
rate, tol, t0, t1, s0, s1, r0, r1, c0, c1, hz, d0, d1, rss, cores = sys.argv[1:]
rate, tol = float(rate), float(tol)
seconds = (int(t1) - int(t0)) / 1e9
achieved = (int(s1) - int(s0)) / seconds
received = (int(r1) - int(r0)) / seconds
cpu = (int(c1) - int(c0)) / int(hz) / seconds
deviation = (achieved - rate) / rate * 100
ok = abs(deviation) <= tol
print(f"## load-generator at {rate:g} req/s against a local portal, {seconds:.1f} s window ({cores} cores, shared)")
print(f"achieved rate (generator): {achieved:.1f} req/s ({deviation:+.2f}% of target, within {tol:g}%: {'PASS' if ok else 'FAIL'})")
print(f"received rate (portal):    {received:.1f} req/s")
print(f"dropped in window:         {int(d1) - int(d0)}")
print(f"CPU: {cpu * 100:.1f}% of one core; RSS {rss} MB")
sys.exit(0 if ok else 1)
PY
