#!/usr/bin/env bash
# Issue 18: every JVM flag the images set, re-checked on Java 25 with the AOT cache. One service
# (SERVICE, default portal) in its image layout with a 512 MiB limit, in variants that each drop or
# swap one flag of the images' (parent pom image.jvm.flags + image.jit.flags), each with its own AOT
# cache trained under its own flags (a cache is made for one set of flags):
#   image   the images' flags
#   tiered  without -XX:TieredStopAtLevel=1 (C1 and C2, the JVM's default)
#   g1      -XX:+UseG1GC with its own sizing, instead of -XX:+UseSerialGC -XX:NewSize=8m
#   young   without -XX:NewSize=8m (the young generation of the 8 MiB initial heap: 2.4 MiB)
#   untrimmed  without -XX:TrimNativeHeapInterval=10000 (glibc keeps the C heap's freed memory)
# Per start: time and CPU to readiness, then REQUESTS requests (default 2,000) of LOAD_PATH (default
# /metrics, what Prometheus scrapes from every service), the CPU they took, the RSS and the code cache
# in use after them. RUNS rounds (default 3); the variants take turns in every round. Sizing and behaviour flags
# (MaxRAMPercentage, MaxMetaspaceSize, Xss, ExitOnOutOfMemoryError) are not speed flags:
# docs/jvm-runtime.md gives their reasons.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

RUNS="${RUNS:-3}"
REQUESTS="${REQUESTS:-2000}"
SERVICE="${SERVICE:-portal}"
LOAD_PATH="${LOAD_PATH:-/metrics}"
JAVA25="$JAVA25_HOME/bin/java"
APP_ARGS=(--rate=0 --load-generator.rate=0)
out="$BENCH_OUT/jvm-flags"
rm -rf "$out" && mkdir -p "$out"

require_tools java curl jcmd
app_jar=$(extract_layout "$JAVA25" "$(module_jar "$SERVICE")" "$out/app")
read -r -a image <<<"$(new_image_flags 512m)"
# without FLAG...: the images' flags without those flags
without() {
  local flag drop kept=()
  for flag in "${image[@]}"; do
    for drop in "$@"; do [[ "$flag" == "$drop" ]] && continue 2; done
    kept+=("$flag")
  done
  echo "${kept[*]}"
}
declare -A flags=(
  [image]="${image[*]}"
  [tiered]="$(without -XX:TieredStopAtLevel=1)"
  [g1]="$(without -XX:+UseSerialGC -XX:NewSize=8m) -XX:+UseG1GC"
  [young]="$(without -XX:NewSize=8m)"
  [untrimmed]="$(without -XX:TrimNativeHeapInterval=10000)"
)
variants=(image tiered g1 young untrimmed)
for v in "${variants[@]}"; do
  read -r -a f <<<"${flags[$v]}"
  PORTAL_STATE_DIR="$out/state" aot_train "$out/$v.aot" "$out/$v-training.log" "${f[@]}" -jar "$app_jar" "${APP_ARGS[@]}" --server.port=0
done

STARTED_PID=""
trap 'if [[ -n "$STARTED_PID" ]]; then stop_pid "$STARTED_PID"; fi' EXIT
# measure VARIANT: one start; prints "<ms to readiness> <CPU ms to readiness> <CPU ms of the requests>
# <RSS MB after them> <code cache KiB in use>".
measure() {
  local port t0 ms cpu0 cpu1 rss code f
  read -r -a f <<<"${flags[$1]} $(aot_start_flags "$out/$1.aot")"
  port=$(free_port)
  t0=$(now_ms)
  PORTAL_STATE_DIR="$out/state" JAVA_BIN="$JAVA25" start_jar "$app_jar" "$port" "$out/$1.log" "${f[@]}" -- "${APP_ARGS[@]}"
  wait_ready "http://127.0.0.1:$port/health/readiness" 90
  ms=$(( $(now_ms) - t0 ))
  cpu0=$(cpu_ms "$STARTED_PID")
  fixed_requests "http://127.0.0.1:$port$LOAD_PATH" "$REQUESTS"
  cpu1=$(cpu_ms "$STARTED_PID")
  rss=$(rss_mb "$STARTED_PID")
  # every code heap's used=NKb (one heap, or three when the code cache is segmented)
  code=$(jcmd "$STARTED_PID" Compiler.codecache | grep -o 'used=[0-9]*Kb' | tr -dc '0-9\n' | awk '{s += $1} END {print s}')
  stop_pid "$STARTED_PID"; STARTED_PID=""
  echo "$ms $cpu0 $((cpu1 - cpu0)) $rss $code"
}

declare -A cpu work rss code
echo "## JVM flags on Java 25 with the AOT cache: $SERVICE, $REQUESTS requests of $LOAD_PATH per start, $RUNS rounds"
for v in "${variants[@]}"; do echo "$v: ${flags[$v]}"; done
for round in $(seq 1 "$RUNS"); do
  for v in "${variants[@]}"; do
    read -r m c w r k <<<"$(measure "$v")"
    cpu[$v]+="$c "; work[$v]+="$w "; rss[$v]+="$r "; code[$v]+="$k "
    echo "round $round $v: ready $m ms, CPU $c ms; the requests: CPU $w ms, then RSS $r MB, code cache $((k / 1024)) MiB"
  done
done

median() { read -r m _ _ <<<"$(stats "$@")"; echo "$m"; }
# compare FIGURE UNIT VARIANT_WITH VARIANT_WITHOUT BASELINE_NAME VALUES_ARRAY [cost]: one row, with /
# without; "cost" leaves the verdict out (a figure the flag is not meant to lower)
compare() {
  local figure="$1" unit="$2" with="$3" other="$4" name="$5" a b r
  local -n values="$6"
  # shellcheck disable=SC2086 # the values are space-separated numbers
  a=$(median ${values[$with]})
  # shellcheck disable=SC2086
  b=$(median ${values[$other]})
  r=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')
  if [[ "${7:-}" == cost ]]; then # what the flag costs, beside the row it pays in
    row "$figure" "$a $unit" "$b $unit ($name)" "${r}x" "—" "—"
    return
  fi
  row "$figure" "$a $unit" "$b $unit ($name)" "${r}x" "< 1.00x: the flag pays" \
    "$(awk -v r="$r" 'BEGIN {print (r < 1) ? "pays" : "does not pay"}')"
}
compare "flag -XX:TieredStopAtLevel=1: CPU to readiness, with / without" ms image tiered "tiered" cpu
compare "flag -XX:TieredStopAtLevel=1: CPU for $REQUESTS requests after readiness, with / without" ms image tiered "tiered" work
compare "flag -XX:+UseSerialGC: CPU to readiness, with / G1" ms image g1 "G1" cpu
compare "flag -XX:+UseSerialGC: RSS after $REQUESTS requests, with / G1" MB image g1 "G1" rss
compare "flag -XX:NewSize=8m: RSS after $REQUESTS requests, with / without" MB image young "without" rss
compare "flag -XX:TrimNativeHeapInterval=10000: RSS after $REQUESTS requests, with / without" MB image untrimmed "without" rss
compare "flag -XX:TrimNativeHeapInterval=10000: CPU for $REQUESTS requests after readiness, with / without" ms image untrimmed "without" work cost
# shellcheck disable=SC2086
used=$(median ${code[image]})
row "flag -XX:ReservedCodeCacheSize=64m: code cache in use after $REQUESTS requests" "$((used / 1024)) MiB" \
  "64 MiB reserved" "$(awk -v u="$used" 'BEGIN {printf "%.2f", u / 65536}')x" "≤ 1.00x: the cap holds" \
  "$(awk -v u="$used" 'BEGIN {print (u <= 65536) ? "holds" : "too small"}')"
