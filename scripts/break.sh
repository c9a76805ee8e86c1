#!/usr/bin/env bash
# make break [SCENARIO=errors|latency|crashloop|all]: inject a failure into EVERY portal pod
# through the portal's admin API (chaos state is per pod), then say what to watch.
#   errors    - 50% of API requests answer 503           -> PortalHighErrorRate, PortalSLOBurn
#   latency   - 800 ms (+ up to 400 ms) on API requests  -> PortalHighLatency
#   crashloop - liveness breaks 20 s after each start,
#               kept across restarts (PORTAL_STATE_DIR)  -> restarts, PortalHighRestartRate,
#                                                           the auto-healer's rollout restart
#   all       - errors + crashloop (the original design's "high failure rate plus forced restarts")
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
require_cluster
scenario="${1:-${SCENARIO:-all}}"

case "$scenario" in
  errors)    body='{"failureRate": 0.5}' ;;
  latency)   body='{"latencyMs": 800, "latencyJitterMs": 400}' ;;
  crashloop) body='{"crashAfterSeconds": 20}' ;;
  all)       body='{"failureRate": 0.5, "crashAfterSeconds": 20}' ;;
  *) die "unknown SCENARIO '$scenario': use errors, latency, crashloop or all" ;;
esac

step "Breaking the portal: $scenario ($body on every pod)"
portal_admin_all PUT /admin/chaos "$body" || die "not every pod took the change; see above ('make reset' undoes it)"

step "What to watch (make port-forward in another terminal)"
case "$scenario" in
  errors|all)
    info "Grafana 'Portal RED Metrics': error ratio jumps to ~50% within 30 s; 'SLO Burn Rate': the 5m burn"
    info "  rate goes far past 14.4x at once, the 1h one climbs more slowly."
    info "Alerts: PortalHighErrorRate pages after its 2m 'for' (140-160 s), PortalSLOBurn once the 1h"
    info "  window passes 14.4x (~2 min; within ~30 s on a Prometheus only minutes old); both in"
    info "  mock-slack #alerts-critical (http://localhost:8081/). Undo it with 'make reset' (make heal"
    info "  only acts on crash loops)." ;;
  latency)
    info "Grafana 'Portal RED Metrics': p95 latency rises to ~1 s within a minute, client view alike."
    info "Alerts: PortalHighLatency fires after 2m and opens a ticket in mock-slack #alerts." ;;
esac
case "$scenario" in
  crashloop|all)
    info "kubectl get pods -n portal -w: RESTARTS climbs every ~50 s, pods go CrashLoopBackOff."
    info "The auto-healer (every minute) rolls out a restart once a pod reaches 3 restarts"
    info "  (~3-4 min): new pods start with clean chaos state. Or run 'make heal' now."
    info "Alert: PortalHighRestartRate (3 restarts in 15m, the healer's threshold) pages in"
    info "  mock-slack #alerts-critical at the same time (~3-4 min)." ;;
esac
info "Undo at any time: make reset"
