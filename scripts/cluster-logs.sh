#!/usr/bin/env bash
# make logs [SERVICE=name]: the last logs of one service (all its pods), or of every service.
#   SERVICE: portal load-generator mock-slack batch-sync auto-healer prometheus alertmanager
#            pushgateway kube-state-metrics grafana
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
require_cluster
service="${1:-${SERVICE:-}}"
lines="${LINES_PER_POD:-50}"

namespace_of() { case "$1" in portal|load-generator) echo portal ;; *) echo hrt-sre ;; esac; }
show() {
  local name="$1" ns; ns="$(namespace_of "$1")"
  step "$name ($ns)"
  k -n "$ns" logs -l "app.kubernetes.io/name=$name" --all-containers --prefix --tail="$lines" \
    --max-log-requests=10 2>&1 || warn "no logs for $name (no pod yet?)"
}
if [[ -n "$service" ]]; then
  show "$service"
else
  for name in portal load-generator mock-slack batch-sync auto-healer prometheus alertmanager \
              pushgateway kube-state-metrics grafana; do
    show "$name"
  done
fi
