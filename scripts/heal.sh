#!/usr/bin/env bash
# make heal: run the auto-healer now (a Job from its CronJob), wait for it, print its summary.
# The healer's own rails apply as on schedule (threshold, cooldown, hourly cap, DRY_RUN); a manual
# run can overlap a scheduled one, which its cooldown and heal history make harmless.
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
require_cluster
job="auto-healer-manual-$(date +%s)"

step "Running the auto-healer now (job hrt-sre/$job)"
k -n hrt-sre create job "$job" --from=cronjob/auto-healer >/dev/null
result=""
for _ in $(seq 1 60); do # the Job's own deadline is 55 s
  result="$(k -n hrt-sre get job "$job" -o jsonpath='{.status.succeeded}/{.status.failed}')"
  [[ "$result" == 1/* || "$result" == */1 ]] && break
  sleep 2
done

step "Its summary"
k -n hrt-sre logs "job/$job" --tail=40 2>/dev/null | sed 's/^/    /' || warn "no logs from $job"
case "$result" in
  1/*) ok "auto-healer run succeeded" ;;
  */1) die "auto-healer run failed: make logs SERVICE=auto-healer" ;;
  *)   die "auto-healer run did not finish in 2 minutes: kubectl -n hrt-sre describe job $job" ;;
esac

step "What to watch"
info "kubectl get pods -n portal -w: a restarted Deployment gets new pods (RESTARTS 0) with clean"
info "  chaos state; the old ones terminate once the new are ready (PodDisruptionBudget keeps one)."
info "Grafana 'Jobs' dashboard: the action appears within a scrape (10 s); 'Portal RED Metrics'"
info "  error ratio falls back to 0 within a minute. PortalHighRestartRate resolves ~15 min after the"
info "  first restart; other alerts as docs/monitoring.md ('Detection and resolution') says."
info "If the summary says cooldown or gave_up, the safety rails held it back: 'make reset' fixes"
info "  the portal directly."
