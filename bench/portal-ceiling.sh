#!/usr/bin/env bash
# Figure 3 of `make bench`: the portal's GET /api/records?size=20 beside the ceiling of this machine,
# a bare JDK HttpServer answering the same JSON bytes (bench/baseline BareJsonServer). Both warmed up,
# then ROUNDS wrk rounds each, interleaved so background noise hits both alike. The portal runs with
# the images' JVM flags (C1 only), the bare server with the container flags alone (C2 too: the ceiling);
# the metrics on/off ratio is bench/portal.sh's figure.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$BENCH_ROOT"

ROUNDS="${ROUNDS:-3}"
SECONDS_PER_ROUND="${SECONDS_PER_ROUND:-8}"
path="/api/records?size=20"
out="$BENCH_OUT/portal-ceiling"; mkdir -p "$out"
read -r -a jvm <<<"$(container_jvm_flags 512m)"
read -r -a portal_jvm <<<"$(image_jvm_flags 512m)"

portal_jar=$(module_jar portal)
baseline_jar=$(module_jar bench/baseline)
pids=()
trap 'for p in "${pids[@]}"; do stop_pid "$p"; done' EXIT

portal_port=$(free_port)
start_jar "$portal_jar" "$portal_port" "$out/portal.log" "${portal_jvm[@]}" --
pids+=("$STARTED_PID")
wait_ready "http://127.0.0.1:$portal_port/health/readiness" 60
curl -fs "http://127.0.0.1:$portal_port$path" >"$out/records.json"

bare_port=$(free_port)
# nodelay: without it the JDK server pays Nagle + delayed-ACK (~40 ms) on every keep-alive response.
java "${jvm[@]}" -Dsun.net.httpserver.nodelay=true -cp "$baseline_jar" -Dloader.main=com.hrt.sre.benchbaseline.BareJsonServer \
  org.springframework.boot.loader.launch.PropertiesLauncher "$bare_port" "$out/records.json" >"$out/bare.log" 2>&1 &
pids+=("$!")
wait_ready "http://127.0.0.1:$bare_port$path" 30
cmp -s "$out/records.json" <(curl -fs "http://127.0.0.1:$bare_port$path") ||
  { echo "bench: the bare server does not answer the portal's bytes" >&2; exit 1; }

for port in "$portal_port" "$bare_port"; do
  wrk -t2 -c32 -d10s "http://127.0.0.1:$port$path" >/dev/null # warm-up (JIT)
done
portal_rps=(); portal_p99=(); bare_rps=(); bare_p99=(); errors=0
for _ in $(seq 1 "$ROUNDS"); do
  read -r r p n s _ <<<"$(wrk_run "http://127.0.0.1:$portal_port$path" "$SECONDS_PER_ROUND")"
  portal_rps+=("$r"); portal_p99+=("$p"); errors=$((errors + n + s))
  read -r r p n s _ <<<"$(wrk_run "http://127.0.0.1:$bare_port$path" "$SECONDS_PER_ROUND")"
  bare_rps+=("$r"); bare_p99+=("$p"); errors=$((errors + n + s))
done
read -r prps_med prps_min prps_max <<<"$(stats "${portal_rps[@]}")"
read -r pp99_med pp99_min pp99_max <<<"$(stats "${portal_p99[@]}")"
read -r brps_med brps_min brps_max <<<"$(stats "${bare_rps[@]}")"
read -r bp99_med _ _ <<<"$(stats "${bare_p99[@]}")"
ratio=$(awk -v a="$prps_med" -v b="$brps_med" 'BEGIN {printf "%.0f%%", 100 * a / b}')
row "portal GET $path req/s ($ROUNDS rounds)" "$prps_med ($prps_min–$prps_max)" \
  "bare JDK HttpServer, same JSON: $brps_med ($brps_min–$brps_max)" "$ratio of the ceiling" "—" "errors: $errors"
row "portal GET $path p99 ms" "$pp99_med ($pp99_min–$pp99_max)" "bare: $bp99_med" "—" "—" "—"
