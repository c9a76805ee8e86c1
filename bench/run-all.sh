#!/usr/bin/env bash
# make bench: every performance figure of the playground, each measured beside a baseline in the same
# run (these machines are noisy; only ratios travel), written to docs/performance.md with the machine
# it ran on. ~40 min on 2 cores (the first run also builds the Java 17 commit once, ~3 min).
# Each section is a script of its own that can be rerun alone.
# Issue 18's rows put OLD (lib.sh JAVA17_BASELINE_COMMIT, the last Java 17 build, with its flags) and
# NEW (this tree on Java 25 with its flags and the AOT cache, lib.sh aot_train) side by side.
#   1-2  bench/startup-memory.sh  start, CPU to readiness and RSS, old vs new, beside a minimal Boot app
#        bench/jvm-flags.sh       every JVM flag of the images, with and without, on Java 25 with the cache
#   3    bench/portal.sh          portal startup, RSS, throughput with metrics on vs off
#        bench/portal-ceiling.sh  portal throughput beside a bare JDK HttpServer (the ceiling)
#   4    bench/mock-slack.sh      Slack-format ingest and heap after a 100,000-post flood
#   5    bench/auto-healer.sh     wall time per run over 5,000 pods old vs new; API requests over
#                                 1,000 / 5,000 / 20,000 pods
#   6    bench/batch-sync.sh      10,000 records end to end, old vs new; bench/load-generator.sh 200 req/s
#   7    scripts/drill-local.sh   the errors drill: time to detect / notify / resolve beside their floors
# SKIP="alert-loop ..." leaves sections out (names as in the headings below; "build" skips `make build`,
# which installs every module into ~/.m2, when the jars are already built). RUNS=N sets every
# script's rounds.
# "What the numbers decided" is written by bench/decisions.py from the figures of this run, each with
# the script that measured it; it reruns on a saved report: python3 bench/decisions.py docs/performance.md
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$BENCH_ROOT"

report="$BENCH_ROOT/docs/performance.md"
rm -f "$BENCH_OUT/rows.md" "$BENCH_OUT/sections.md"
started=$(date +%s)

if [[ " ${SKIP:-} " == *" build "* ]]; then echo "== make build: skipped (SKIP)"; else echo "== make build"; make -s build; fi
echo "== the old side: $JAVA17_BASELINE_COMMIT built with Java 17 (once, then reused)"
t0=$(date +%s); old_build; echo "== old build ready in $(($(date +%s) - t0)) s"

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
section jvm-flags bench/jvm-flags.sh
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
  echo "Sections left out (SKIP): ${SKIP:-none}; rounds (RUNS): ${RUNS:-default}."
  echo
  echo "| machine | |"
  echo "| --- | --- |"
  echo "| CPU | $(nproc) × $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1) |"
  echo "| memory | $(free -g | awk '/Mem:/ {print $2}') GiB |"
  echo "| OS | $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r) |"
  echo "| new: this tree | $("$JAVA25_HOME/bin/java" -version 2>&1 | head -1), \`$(new_image_flags 512m)\` + the AOT cache (\`$(aot_start_flags app.aot)\`) |"
  echo "| old: commit $JAVA17_BASELINE_COMMIT, the last Java 17 build | $("$JAVA17_HOME/bin/java" -version 2>&1 | head -1), \`$(old_image_flags 512m)\` |"
  echo "| minimal Boot app (bench/baseline of the old build) | \`java -jar\` on Java 17, no flags (its defaults) |"
  echo "| other figures (portal, ceiling, mock-slack, load generator) | Java 25, \`$(new_image_flags 512m)\`, no AOT cache |"
  echo "| load average at the end | $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo
  echo "Old and new (issue 18): \`bench/lib.sh\` \`old_build\` unpacks commit $JAVA17_BASELINE_COMMIT (the last"
  echo "Java 17 build) into .local/ and builds it once with Java 17 and its own ./mvnw; its jars run on"
  echo "Java 17 with that commit's image flags. New is this tree on Java 25 with today's image flags and an"
  echo "AOT cache from Spring Boot's training run (\`aot_train\`: exits after the context refresh), made on"
  echo "the same jars-only class path it serves, as the images' cache is (scripts/train-aot-cache.sh)."
  echo "Both sides run the image layout (application jar + lib/). The minimal Boot app is the old"
  echo "build's bench/baseline, started \`java -jar\` with Java 17 and no flags. Old and new take turns in"
  echo "every round."
  echo
  echo "## Figures beside their baselines"
  echo
  echo "| figure | new | old (or baseline) | ratio | target | verdict |"
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
