#!/usr/bin/env bash
# make port-forward: the UIs on their usual localhost ports until Ctrl-C, which stops them all.
#   Grafana 3000, Prometheus 9090, Alertmanager 9093, mock-slack 8081, Pushgateway 9091
# (the portal itself is on http://localhost:8080/ through the load balancer, no forward needed).
# A forward that drops (its pod restarted) is started again.
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
require_cluster

forwards=("grafana 3000" "prometheus 9090" "alertmanager 9093" "mock-slack 8081" "pushgateway 9091")
pids=()
stop() {
  trap - INT TERM EXIT
  ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null
  wait 2>/dev/null || true
  echo; ok "port-forwards stopped"
}
trap stop INT TERM EXIT

for entry in "${forwards[@]}"; do
  read -r service port <<<"$entry"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "localhost:$port is already in use (another 'make port-forward' or local mode?)"
  fi
  # Restart the forward whenever it ends, until this script is stopped.
  # Each loop stops its kubectl when it is itself stopped, so nothing outlives Ctrl-C.
  ( child=""
    trap 'kill $child 2>/dev/null; exit 0' TERM
    while true; do
      kubectl --context "k3d-${CLUSTER}" -n hrt-sre port-forward "svc/$service" \
        "127.0.0.1:$port:$port" >/dev/null 2>&1 &
      child=$!
      wait "$child" || true
      sleep 1
    done ) &
  pids+=("$!")
  ok "$(printf '%-13s http://localhost:%s/' "$service" "$port")"
done
info "Ctrl-C stops them all."
wait
