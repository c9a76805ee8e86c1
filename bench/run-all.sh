#!/usr/bin/env bash
# make bench: every performance figure of the playground, each measured beside a baseline in the same
# run (these machines are noisy; only ratios travel), written to docs/performance.md with the machine
# it ran on. ~15-20 min on 2 cores. Each section is a script of its own that can be rerun alone.
#   1-2  bench/startup-memory.sh  startup to readiness (+ CDS) and RSS, beside a minimal Boot app
#   3    bench/portal.sh          portal startup, RSS, throughput with metrics on vs off
#        bench/portal-ceiling.sh  portal throughput beside a bare JDK HttpServer (the ceiling)
#   4    bench/mock-slack.sh      Slack-format ingest and heap after a 100,000-post flood
#   5    bench/auto-healer.sh     API requests and wall time over 1,000 / 5,000 / 20,000 pods
#   6    bench/batch-sync.sh      10,000 records end to end; bench/load-generator.sh 200 req/s
#   7    scripts/drill-local.sh   the errors drill: time to detect / notify / resolve beside their floors
# SKIP="alert-loop ..." leaves sections out (names as in the headings below).
# "What the numbers decided" is written by bench/decisions.py from the figures of this run, each with
# the script that measured it; it reruns on a saved report: python3 bench/decisions.py docs/performance.md
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$BENCH_ROOT"

report="$BENCH_ROOT/docs/performance.md"
rm -f "$BENCH_OUT/rows.md" "$BENCH_OUT/sections.md"
started=$(date +%s)

echo "== make build"
make -s build

section() { # section NAME COMMAND...: runs one benchmark, keeps its output for the report
  local name="$1"; shift
  [[ " ${SKIP:-} " == *" $name "* ]] && { echo "== $name: skipped (SKIP)"; return 0; }
  echo "== $name: $*"
  local log="$BENCH_OUT/$name.txt" status=0 t0
  t0=$(date +%s)
  "$@" 2>&1 | tee "$log" || status=$?
  {
    # shellcheck disable=SC2016 # the backquotes are Markdown
    printf '\n### %s\n\n`%s` (%ss, exit %s)\n\n```text\n' "$name" "$*" "$(($(date +%s) - t0))" "$status"
    # The tail holds each script's summary (log lines of the services left out); the full output
    # stays in bench/results/.
    grep -vE '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]+ +(INFO|WARN|DEBUG)' "$log" | tail -n 30
    printf '```\n'
  } >>"$BENCH_OUT/sections.md"
}

section startup-memory bench/startup-memory.sh
section portal bench/portal.sh
section portal-ceiling bench/portal-ceiling.sh
section mock-slack bench/mock-slack.sh
section auto-healer bench/auto-healer.sh
section batch-sync bench/batch-sync.sh
section load-generator bench/load-generator.sh
section alert-loop env SCENARIO=errors scripts/drill-local.sh

{
  echo "# Performance"
  echo
  echo "Written by \`make bench\` ($(basename "$0"), $(($(date +%s) - started)) s) on $(date -u +%Y-%m-%d)."
  echo "Every figure is measured beside its baseline in the same run: on a shared 2-core machine only"
  echo "ratios travel. Medians with (min–max) over the runs each script states."
  echo
  echo "| machine | |"
  echo "| --- | --- |"
  echo "| CPU | $(nproc) × $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1) |"
  echo "| memory | $(free -g | awk '/Mem:/ {print $2}') GiB |"
  echo "| OS | $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r) |"
  echo "| JVM | $(java -version 2>&1 | head -1) |"
  echo "| container JVM flags (every image, and the baseline) | \`$(container_jvm_flags 512m)\` |"
  echo "| the images' JIT flags (not the baseline's) | \`$(pom_property image.jit.flags)\` |"
  echo "| load average at the end | $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo
  echo "## Figures beside their baselines"
  echo
  echo "| figure | ours | baseline | ratio | target | verdict |"
  echo "| --- | --- | --- | --- | --- | --- |"
  cat "$BENCH_OUT/rows.md" 2>/dev/null || true
  echo
  # Filled in below by decisions.py from the figures above (no figure is typed in here).
  echo "## What the numbers decided"
  echo
  echo "## Each benchmark's own summary"
  cat "$BENCH_OUT/sections.md"
} >"$report"
python3 "$BENCH_ROOT/bench/decisions.py" "$report"
echo "== wrote $report"
