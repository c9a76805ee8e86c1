#!/usr/bin/env bash
# Figures 1 and 2 of `make bench`: startup to readiness (median of RUNS) and RSS after warm-up plus
# 10,000 requests, for every web service BESIDE the baseline (a minimal Boot app with only Actuator),
# each with its image's JVM flags (the container flags plus the images' JIT flags; the baseline gets
# the container flags only) and a 512 MiB memory limit.
# Startup is measured in the layout the images run: Jib puts classes and dependency jars on the class
# path, as `java -Djarmode=tools extract` does; `java -jar` on the nested fat jar (a layout no
# deployment uses, slower to load classes from) is reported beside it, and so is Spring Boot's CDS
# training run. Every service also starts with the baseline's flags, to show what its code alone
# costs. The kinds of start take turns, so background noise hits them alike.
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
read -r -a BASE_JVM <<<"$(container_jvm_flags 512m)"
# Services that would otherwise reach out at start-up are pointed at nothing and kept idle.
APP_ARGS=(--rate=0 --load-generator.rate=0)

log_dir="$BENCH_OUT/logs"; mkdir -p "$log_dir"
: >"$BENCH_OUT/rss.txt"
STARTED_PID=""
trap 'if [[ -n "$STARTED_PID" ]]; then stop_pid "$STARTED_PID"; fi' EXIT # a failed step leaves no JVM behind

startup_ms() { # startup_ms JAR [JVM flags...]: one cold start to /health/readiness = UP
  local jar="$1"; shift
  local port t0 ms
  port=$(free_port)
  t0=$(now_ms)
  start_jar "$jar" "$port" "$log_dir/startup.log" "$@" -- "${APP_ARGS[@]}"
  wait_ready "http://127.0.0.1:$port/health/readiness" 60
  ms=$(( $(now_ms) - t0 ))
  stop_pid "$STARTED_PID"
  echo "$ms"
}

extract() { # extract JAR DIR: the image layout (classes + lib/); prints the extracted jar's path
  local jar="$1" dir="$2"
  rm -rf "$dir"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
  find "$dir" -maxdepth 1 -name '*.jar' | head -1
}

# Spring Boot's documented CDS training run on the extracted jar: start once with
# -XX:ArchiveClassesAtExit and spring.context.exit=onRefresh; later starts use -XX:SharedArchiveFile.
cds_train() { # cds_train EXTRACTED_JAR ARCHIVE [JVM flags...]: fails when no archive was written
  local extracted="$1" archive="$2"; shift 2
  java "$@" -XX:ArchiveClassesAtExit="$archive" -Dspring.context.exit=onRefresh \
    -jar "$extracted" "${APP_ARGS[@]}" --server.port=0 >"$log_dir/cds-train.log" 2>&1 || true
  [[ -f "$archive" ]] || { echo "bench: CDS training failed for $extracted (see $log_dir/cds-train.log)" >&2; return 1; }
}

percent_faster() { awk -v a="$1" -v b="$2" 'BEGIN {if (a+0 > 0) printf "%.0f%%", 100 * (1 - a / b); else print "n/a"}'; }

echo "## Startup to readiness (ms, median/min/max of $RUNS) and RSS after $REQUESTS requests (MB)"
declare -A base
baseline_app=$(extract "$(module_jar bench/baseline)" "$BENCH_OUT/layout/baseline-reference")
for entry in "${SERVICES[@]}"; do
  IFS='|' read -r name module path <<<"$entry"
  # ONLY="baseline portal" measures a subset (the baseline always runs first).
  [[ -z "${ONLY:-}" || " baseline $ONLY " == *" $name "* ]] || continue
  jar=$(module_jar "$module") || continue
  if [[ "$name" == baseline ]]; then
    service_jvm=("${BASE_JVM[@]}"); flags=""
  else
    read -r -a service_jvm <<<"$(image_jvm_flags 512m)"; flags=$(pom_property image.jit.flags)
  fi
  extracted=$(extract "$jar" "$BENCH_OUT/layout/$name")
  archive="$BENCH_OUT/layout/$name/app.jsa"
  cds_train "$extracted" "$archive" "${service_jvm[@]}" || archive=""
  baseline_runs=(); image=(); same=(); fat=(); cds=()
  for _ in $(seq 1 "$RUNS"); do
    [[ "$name" == baseline ]] || baseline_runs+=("$(startup_ms "$baseline_app" "${BASE_JVM[@]}")")
    image+=("$(startup_ms "$extracted" "${service_jvm[@]}")")
    # With the baseline's own flags too: what the code alone costs, JIT choice aside.
    [[ -z "$flags" ]] || same+=("$(startup_ms "$extracted" "${BASE_JVM[@]}")")
    fat+=("$(startup_ms "$jar" "${service_jvm[@]}")")
    [[ -z "$archive" ]] || cds+=("$(startup_ms "$extracted" "${service_jvm[@]}" -XX:SharedArchiveFile="$archive")")
  done
  read -r med min max <<<"$(stats "${image[@]}")"
  read -r fmed fmin fmax <<<"$(stats "${fat[@]}")"
  cmed=n/a cmin=n/a cmax=n/a
  [[ -z "$archive" ]] || read -r cmed cmin cmax <<<"$(stats "${cds[@]}")"
  if [[ "$name" == baseline ]]; then
    base_startup=$med
  else
    read -r base_startup _ _ <<<"$(stats "${baseline_runs[@]}")"
  fi

  port=$(free_port)
  start_jar "$extracted" "$port" "$log_dir/$name-memory.log" "${service_jvm[@]}" -- "${APP_ARGS[@]}"
  wait_ready "http://127.0.0.1:$port/health/readiness" 60
  fixed_requests "http://127.0.0.1:$port$path" 2000 # warm-up
  fixed_requests "http://127.0.0.1:$port$path" "$REQUESTS"
  rss=$(rss_mb "$STARTED_PID")
  stop_pid "$STARTED_PID"

  [[ "$name" == baseline ]] && base[rss]=$rss
  ratio=$(awk -v a="$med" -v b="$base_startup" 'BEGIN {printf "%.2f", a / b}')
  row "startup $name${flags:+ ($flags)}" "$med ($min–$max) ms" "$base_startup ms (interleaved)" "${ratio}x" \
    "≤ 1.2x baseline" "$(awk -v r="$ratio" 'BEGIN {print (r <= 1.2) ? "met" : "MISSED"}')"
  if [[ -n "$flags" ]]; then
    read -r smed smin smax <<<"$(stats "${same[@]}")"
    row "startup $name, the baseline's flags (without $flags)" "$smed ($smin–$smax) ms" \
      "$base_startup ms (interleaved)" "$(awk -v a="$smed" -v b="$base_startup" 'BEGIN {printf "%.2fx", a / b}')" "—" "—"
  fi
  row "startup $name, java -jar (fat jar)" "$fmed ($fmin–$fmax) ms" "$med ms (image layout)" \
    "$(awk -v a="$fmed" -v b="$med" 'BEGIN {printf "%.2fx", a / b}')" "—" "—"
  row "startup $name with CDS" "$cmed ($cmin–$cmax) ms" "$fmed ms (java -jar) / $med ms (image layout)" \
    "$(percent_faster "$cmed" "$fmed") / $(percent_faster "$cmed" "$med") faster" "adopt if ≥ 30% faster" "—"
  row "RSS $name after $REQUESTS req" "$rss MB" "${base[rss]} MB" \
    "$(awk -v a="$rss" -v b="${base[rss]}" 'BEGIN {printf "%.2fx", a / b}')" "≤ 200 MB" \
    "$(awk -v r="$rss" 'BEGIN {print (r <= 200) ? "met" : "MISSED"}')"
  echo "$name $rss" >>"$BENCH_OUT/rss.txt"
done
total=$(awk '$1 != "baseline" {s += $2} END {print s + 0}' "$BENCH_OUT/rss.txt")
row "RSS sum of our web services" "$total MB" "—" "—" "—" "—"
