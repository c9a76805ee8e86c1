#!/usr/bin/env bash
# make reset: undo `make break`: reset the chaos settings on every portal pod; if a pod cannot be
# reached (crash-looping), roll the portal out instead, which starts pods with clean state.
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
require_cluster

step "Resetting the portal's chaos settings on every pod"
if portal_admin_all POST /admin/chaos/reset; then
  ok "every pod reset"
else
  warn "not every pod answered: rolling the portal out instead"
  k -n portal rollout restart deployment/portal >/dev/null
  k -n portal rollout status deployment/portal --timeout=300s | sed 's/^/    /'
fi

step "What to watch"
info "Grafana: error ratio and latency back to normal within a minute; restarts stop climbing."
info "Alerts resolve (a RESOLVED message in mock-slack) as their windows clear: PortalHighErrorRate"
info "  within ~1.5 min; PortalSLOBurn within 5 min after a short break on a Prometheus with hours"
info "  of data, else ~30 min (docs/monitoring.md, 'Detection and resolution')."
