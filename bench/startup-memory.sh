#!/usr/bin/env bash
# Figures 1 and 2 of `make bench` (issue 18 targets): every web service's start to readiness, the CPU
# it used by then, and its RSS after a warm-up plus 10,000 requests (the median of MEMORY_RUNS starts,
# default 3), OLD beside NEW in one run:
#   old  the last Java 17 commit (lib.sh JAVA17_BASELINE_COMMIT, built once by old_build) on Java 17
#        with that commit's image flags (image.jvm.flags + image.jit.flags of its pom);
#   new  this tree on Java 25 with today's image flags and the AOT cache (lib.sh aot_train, trained
#        on the same extracted layout, as the images and local mode do);
#   new without the cache (informational: what the cache itself buys on Java 25);
#   the minimal Boot app (bench/baseline, only Actuator) of the old build, started `java -jar` with
#        Java 17 and no flags at all (its defaults).
# Services start in the layout the images run (Jib: classes + dependency jars on a plain class path,
# as `java -Djarmode=tools extract` makes) with a 512 MiB memory limit (-XX:MaxRAM). The kinds of start
# take turns in every round, so background noise hits them alike; only the ratios travel.
# ONLY="portal gitops" measures a subset; RUNS rounds (default 5).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

RUNS="${RUNS:-5}"
REQUESTS="${REQUESTS:-10000}"
MEMORY_RUNS="${MEMORY_RUNS:-3}" # starts per side for the RSS figure (its median), old and new in turn
# name|module|path loaded for the memory figure
SERVICES=(
  "portal|portal|/api/records?size=20"
  "mock-slack|mock-slack|/api/channels"
  "load-generator|load-generator|/health"
  "gitops|gitops|/metrics"
)
# Services that would otherwise reach out at start-up are pointed at nothing and kept idle.
APP_ARGS=(--rate=0 --load-generator.rate=0)
JAVA17="$JAVA17_HOME/bin/java"
JAVA25="$JAVA25_HOME/bin/java"

old_build
layout="$BENCH_OUT/layout"
log_dir="$BENCH_OUT/logs"; mkdir -p "$log_dir" "$layout"
STARTED_PID=""
trap 'if [[ -n "$STARTED_PID" ]]; then stop_pid "$STARTED_PID"; fi' EXIT # a failed step leaves no JVM behind

# start_once JAVA JAR [JVM flags...]: one cold start to /health/readiness = UP; prints
# "<ms to readiness> <CPU ms used by then>".
start_once() {
  local java="$1" jar="$2"; shift 2
  local port t0 ms cpu
  port=$(free_port)
  t0=$(now_ms)
  JAVA_BIN="$java" start_jar "$jar" "$port" "$log_dir/startup.log" "$@" -- "${APP_ARGS[@]}"
  wait_ready "http://127.0.0.1:$port/health/readiness" 90
  ms=$(( $(now_ms) - t0 ))
  cpu=$(cpu_ms "$STARTED_PID")
  stop_pid "$STARTED_PID"; STARTED_PID=""
  echo "$ms $cpu"
}

# rss_after JAVA JAR PATH [JVM flags...]: "<RSS MB> <CPU ms>" after 2,000 warm-up and REQUESTS
# requests; the CPU is the REQUESTS requests' own.
rss_after() {
  local java="$1" jar="$2" path="$3"; shift 3
  local port rss cpu0 cpu1
  port=$(free_port)
  JAVA_BIN="$java" start_jar "$jar" "$port" "$log_dir/memory.log" "$@" -- "${APP_ARGS[@]}"
  wait_ready "http://127.0.0.1:$port/health/readiness" 90
  fixed_requests "http://127.0.0.1:$port$path" 2000
  cpu0=$(cpu_ms "$STARTED_PID")
  fixed_requests "http://127.0.0.1:$port$path" "$REQUESTS"
  cpu1=$(cpu_ms "$STARTED_PID")
  rss=$(rss_mb "$STARTED_PID")
  stop_pid "$STARTED_PID"; STARTED_PID=""
  echo "$rss $((cpu1 - cpu0))"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r <= t) ? "met" : "MISSED"}'; }

read -r -a OLD_FLAGS <<<"$(old_image_flags 512m)"
read -r -a NEW_FLAGS <<<"$(new_image_flags 512m)"
echo "## Start to readiness (ms), CPU to readiness (ms), RSS after $REQUESTS requests (MB): old vs new"
echo "old: $JAVA17_BASELINE_COMMIT on $(java_major "$JAVA17"), ${OLD_FLAGS[*]}"
echo "new: this tree on $(java_major "$JAVA25"), ${NEW_FLAGS[*]} + AOT cache; load $(cut -d' ' -f1-3 /proc/loadavg)"
baseline_jar="$layout/baseline.jar"
cp "$(old_jar bench/baseline)" "$baseline_jar"
baseline_runs=()
for entry in "${SERVICES[@]}"; do
  IFS='|' read -r name module path <<<"$entry"
  [[ -z "${ONLY:-}" || " $ONLY " == *" $name "* ]] || continue
  section_start=$(date +%s)
  old_app=$(extract_layout "$JAVA17" "$(old_jar "$module")" "$layout/old/$name")
  new_app=$(extract_layout "$JAVA25" "$(module_jar "$module")" "$layout/new/$name")
  cache="$layout/new/$name/app.aot"
  aot_train "$cache" "$log_dir/$name-aot-training.log" "${NEW_FLAGS[@]}" -jar "$new_app" "${APP_ARGS[@]}" --server.port=0
  read -r -a AOT <<<"$(aot_start_flags "$cache")"
  old_ms=(); old_cpu=(); new_ms=(); new_cpu=(); plain_ms=(); plain_cpu=(); base_ms=()
  for round in $(seq 1 "$RUNS"); do
    run=$(start_once "$JAVA17" "$baseline_jar"); read -r ms _ <<<"$run"; base_ms+=("$ms")
    run=$(start_once "$JAVA17" "$old_app" "${OLD_FLAGS[@]}"); read -r ms cpu <<<"$run"; old_ms+=("$ms"); old_cpu+=("$cpu")
    run=$(start_once "$JAVA25" "$new_app" "${NEW_FLAGS[@]}" "${AOT[@]}"); read -r ms cpu <<<"$run"; new_ms+=("$ms"); new_cpu+=("$cpu")
    run=$(start_once "$JAVA25" "$new_app" "${NEW_FLAGS[@]}"); read -r ms cpu <<<"$run"; plain_ms+=("$ms"); plain_cpu+=("$cpu")
    echo "$name round $round: baseline ${base_ms[-1]} ms; old ${old_ms[-1]} ms (${old_cpu[-1]} ms CPU);" \
      "new ${new_ms[-1]} ms (${new_cpu[-1]} ms CPU); new without cache ${plain_ms[-1]} ms (${plain_cpu[-1]} ms CPU)"
  done
  baseline_runs+=("${base_ms[@]}")
  old_rss=(); old_work=(); new_rss=(); new_work=()
  for round in $(seq 1 "$MEMORY_RUNS"); do
    read -r rss cpu <<<"$(rss_after "$JAVA17" "$old_app" "$path" "${OLD_FLAGS[@]}")"; old_rss+=("$rss"); old_work+=("$cpu")
    read -r rss cpu <<<"$(rss_after "$JAVA25" "$new_app" "$path" "${NEW_FLAGS[@]}" "${AOT[@]}")"; new_rss+=("$rss"); new_work+=("$cpu")
    echo "$name memory round $round: old RSS ${old_rss[-1]} MB (${old_work[-1]} ms CPU); new RSS ${new_rss[-1]} MB (${new_work[-1]} ms CPU)"
  done

  read -r om omin omax <<<"$(stats "${old_ms[@]}")"
  read -r nm nmin nmax <<<"$(stats "${new_ms[@]}")"
  read -r pm pmin pmax <<<"$(stats "${plain_ms[@]}")"
  read -r bm _ _ <<<"$(stats "${base_ms[@]}")"
  read -r oc ocmin ocmax <<<"$(stats "${old_cpu[@]}")"
  read -r nc ncmin ncmax <<<"$(stats "${new_cpu[@]}")"
  r=$(ratio "$nm" "$om")
  row "startup $name, new vs old" "$nm ($nmin–$nmax) ms" "$om ($omin–$omax) ms" "${r}x" "≤ 0.65x old" "$(verdict "$r" 0.65)"
  r=$(ratio "$nm" "$bm")
  row "startup $name, new vs minimal Boot app" "$nm ms" "$bm ms (java -jar, Java 17 defaults)" "${r}x" "≤ 0.5x" "$(verdict "$r" 0.5)"
  r=$(ratio "$nc" "$oc")
  row "CPU to readiness $name, new vs old" "$nc ($ncmin–$ncmax) ms" "$oc ($ocmin–$ocmax) ms" "${r}x" "≤ 0.7x old" "$(verdict "$r" 0.7)"
  row "startup $name, Java 25 without the AOT cache" "$pm ($pmin–$pmax) ms" "$nm ms (with the cache)" "$(ratio "$pm" "$nm")x" "—" "—"
  read -r orss orssmin orssmax <<<"$(stats "${old_rss[@]}")"
  read -r nrss nrssmin nrssmax <<<"$(stats "${new_rss[@]}")"
  r=$(ratio "$nrss" "$orss")
  row "RSS $name after $REQUESTS req, new vs old" "$nrss ($nrssmin–$nrssmax) MB" "$orss ($orssmin–$orssmax) MB" "${r}x" "≤ 1.00x old" "$(verdict "$r" 1.00)"
  read -r ow _ _ <<<"$(stats "${old_work[@]}")"
  read -r nw _ _ <<<"$(stats "${new_work[@]}")"
  row "CPU for $REQUESTS req of $path, $name, new vs old" "$nw ms" "$ow ms" "$(ratio "$nw" "$ow")x" "—" "—"
  echo "$name: $(($(date +%s) - section_start)) s"
done
read -r bm bmin bmax <<<"$(stats "${baseline_runs[@]}")"
row "startup minimal Boot app (java -jar, Java 17 defaults)" "$bm ($bmin–$bmax) ms" "—" "—" "—" "—"
