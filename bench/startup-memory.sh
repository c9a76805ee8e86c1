#!/usr/bin/env bash
# Figures 1 and 2 of `make bench`: startup to readiness (median of RUNS) and RSS after warm-up plus
# 10,000 requests, for every web service BESIDE the baseline (a minimal Boot app with only Actuator),
# all with the images' container JVM flags and a 512 MiB container memory limit.
# Also measures each service with Spring Boot's CDS archive (training run), to show what it saves.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

RUNS="${RUNS:-5}"
REQUESTS="${REQUESTS:-10000}"
# name|module|path loaded for the memory figure
SERVICES=(
  "baseline|bench/baseline|/health"
  "portal|portal|/api/records?size=20"
  "mock-slack|mock-slack|/api/channels"
  "load-generator|load-generator|/health"
  "gitops|gitops|/metrics"
)
read -r -a JVM <<<"$(container_jvm_flags 512m)"
# Services that would otherwise reach out at start-up are pointed at nothing and kept idle.
APP_ARGS=(--rate=0 --load-generator.rate=0)

log_dir="$BENCH_OUT/logs"; mkdir -p "$log_dir"
: >"$BENCH_OUT/rss.txt"
STARTED_PID=""
trap 'if [[ -n "$STARTED_PID" ]]; then stop_pid "$STARTED_PID"; fi' EXIT # a failed step leaves no JVM behind

startup_ms() { # startup_ms JAR [extra JVM flags...]: one cold start to /health/readiness = UP
  local jar="$1"; shift
  local port t0 ms
  port=$(free_port)
  t0=$(now_ms)
  start_jar "$jar" "$port" "$log_dir/startup.log" "${JVM[@]}" "$@" -- "${APP_ARGS[@]}"
  wait_ready "http://127.0.0.1:$port/health/readiness" 60
  ms=$(( $(now_ms) - t0 ))
  stop_pid "$STARTED_PID"
  echo "$ms"
}

# Spring Boot's documented CDS training run: extract the jar, start once with
# -XX:ArchiveClassesAtExit and spring.context.exit=onRefresh, then run with -XX:SharedArchiveFile.
cds_prepare() { # cds_prepare JAR DIR: prints the extracted jar's path
  local jar="$1" dir="$2"
  rm -rf "$dir"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
  local app; app=$(find "$dir" -maxdepth 1 -name '*.jar' | head -1)
  java "${JVM[@]}" -XX:ArchiveClassesAtExit="$dir/app.jsa" -Dspring.context.exit=onRefresh \
    -jar "$app" "${APP_ARGS[@]}" --server.port=0 >"$log_dir/cds-train.log" 2>&1 || true
  [[ -f "$dir/app.jsa" ]] || { echo "bench: CDS training failed for $jar (see $log_dir/cds-train.log)" >&2; return 1; }
  echo "$app"
}

echo "## Startup to readiness (ms, median/min/max of $RUNS) and RSS after $REQUESTS requests (MB)"
declare -A base
baseline_jar=$(module_jar bench/baseline)
for entry in "${SERVICES[@]}"; do
  IFS='|' read -r name module path <<<"$entry"
  # ONLY="baseline portal" measures a subset (the baseline always runs first).
  [[ -z "${ONLY:-}" || " baseline $ONLY " == *" $name "* ]] || continue
  jar=$(module_jar "$module") || continue
  plain=(); cds=()
  # Each service's starts are interleaved with the baseline's, so background noise hits both alike
  # and the ratio compares runs made side by side.
  baseline_runs=()
  for _ in $(seq 1 "$RUNS"); do
    [[ "$name" == baseline ]] || baseline_runs+=("$(startup_ms "$baseline_jar")")
    plain+=("$(startup_ms "$jar")")
  done
  read -r med min max <<<"$(stats "${plain[@]}")"
  if [[ "$name" == baseline ]]; then
    base_startup=$med
  else
    read -r base_startup _ _ <<<"$(stats "${baseline_runs[@]}")"
  fi
  if app=$(cds_prepare "$jar" "$BENCH_OUT/cds/$name"); then
    for _ in $(seq 1 "$RUNS"); do cds+=("$(startup_ms "$app" -XX:SharedArchiveFile="$BENCH_OUT/cds/$name/app.jsa")"); done
    read -r cmed cmin cmax <<<"$(stats "${cds[@]}")"
  else
    cmed=n/a cmin=n/a cmax=n/a
  fi

  port=$(free_port)
  start_jar "$jar" "$port" "$log_dir/$name-memory.log" "${JVM[@]}" -- "${APP_ARGS[@]}"
  wait_ready "http://127.0.0.1:$port/health/readiness" 60
  fixed_requests "http://127.0.0.1:$port$path" 2000 # warm-up
  fixed_requests "http://127.0.0.1:$port$path" "$REQUESTS"
  rss=$(rss_mb "$STARTED_PID")
  stop_pid "$STARTED_PID"

  [[ "$name" == baseline ]] && base[rss]=$rss
  ratio=$(awk -v a="$med" -v b="$base_startup" 'BEGIN {printf "%.2f", a / b}')
  row "startup $name" "$med ($min–$max) ms" "$base_startup ms (interleaved)" "${ratio}x" "≤ 1.2x baseline" \
    "$(awk -v r="$ratio" 'BEGIN {print (r <= 1.2) ? "met" : "MISSED"}')"
  cds_ratio=$(awk -v a="$cmed" -v b="$med" 'BEGIN {if (a+0 > 0) printf "%.0f%% faster", 100 * (1 - a / b); else print "n/a"}')
  row "startup $name with CDS" "$cmed ($cmin–$cmax) ms" "$med ms (no CDS)" "$cds_ratio" "adopt if ≥ 30% faster" "—"
  row "RSS $name after $REQUESTS req" "$rss MB" "${base[rss]} MB" \
    "$(awk -v a="$rss" -v b="${base[rss]}" 'BEGIN {printf "%.2fx", a / b}')" "≤ 200 MB" \
    "$(awk -v r="$rss" 'BEGIN {print (r <= 200) ? "met" : "MISSED"}')"
  echo "$name $rss" >>"$BENCH_OUT/rss.txt"
done
total=$(awk '$1 != "baseline" {s += $2} END {print s + 0}' "$BENCH_OUT/rss.txt")
row "RSS sum of our web services" "$total MB" "—" "—" "—" "—"
