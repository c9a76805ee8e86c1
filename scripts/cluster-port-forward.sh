#!/usr/bin/env bash
# make port-forward: the UIs on their usual localhost ports until Ctrl-C, which stops them all.
#   Grafana 3000, Prometheus 9090, Alertmanager 9093, mock-slack 8081, Pushgateway 9091
# (the portal itself is on http://localhost:8080/ through the load balancer, no forward needed).
# Each forward is `kubectl port-forward --address 127.0.0.1 svc/<name> <local>:<port>` (kubectl
# takes [LOCAL:]REMOTE ports; the address is a flag). A service gets its ✓ only once kubectl
# prints "Forwarding from", kubectl's errors are shown as they come, and a forward that ends
# (its pod restarted, the connection dropped) is started again, waiting 1, 2, 4 ... 16 s.
# PORT_FORWARDS overrides the list: "service:local-port:service-port ...".
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
require_cluster

PORT_FORWARDS="${PORT_FORWARDS:-grafana:3000:3000 prometheus:9090:9090 alertmanager:9093:9093 mock-slack:8081:8081 pushgateway:9091:9091}"
tmp="$(mktemp -d)"
pids=""
stop() {
  trap - INT TERM EXIT
  # shellcheck disable=SC2086  # the list of pids is meant to split
  [[ -n "$pids" ]] && kill $pids 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$tmp"
  echo; ok "port-forwards stopped"
}
trap stop INT TERM EXIT

# kubectl's errors, line by line as they come, marked with the service they belong to.
prefixed() { local line; while IFS= read -r line; do printf '    %s: %s\n' "$1" "$line" >&2; done; }

# One service's forward, started again whenever kubectl ends, until this script stops.
forward() { # service local-port service-port
  local service="$1" local_port="$2" port="$3" log="$tmp/$1.out" delay=1 child="" announced status
  trap 'kill $child 2>/dev/null; exit 0' TERM
  while true; do
    : >"$log"
    kubectl --context "k3d-${CLUSTER}" -n hrt-sre port-forward --address 127.0.0.1 \
      "svc/$service" "$local_port:$port" >"$log" 2> >(prefixed "$service") &
    child=$!
    announced=0
    while kill -0 "$child" 2>/dev/null; do
      if ((announced == 0)) && grep -q '^Forwarding from' "$log"; then
        ok "$(printf '%-13s http://localhost:%s/' "$service" "$local_port")"
        announced=1; delay=1
      fi
      sleep 0.2
    done
    status=0; wait "$child" || status=$?
    warn "$service: kubectl port-forward ended (exit $status); starting it again in ${delay}s"
    sleep "$delay"
    delay=$((delay < 16 ? delay * 2 : 16))
  done
}

for entry in $PORT_FORWARDS; do
  IFS=: read -r service local_port port <<<"$entry"
  if (exec 3<>"/dev/tcp/127.0.0.1/$local_port") 2>/dev/null; then
    die "localhost:$local_port is already in use (another 'make port-forward' or local mode?)"
  fi
  forward "$service" "$local_port" "$port" &
  pids="$pids $!"
done
info "Ctrl-C stops them all."
wait
