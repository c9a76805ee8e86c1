#!/usr/bin/env bash
# make local-down: stops exactly the processes make local-up started (PID and start time recorded
# under .local/pids/), newest first, each with TERM and a bounded wait before KILL. Anything else
# on the same ports is left alone. Data and logs stay under .local/ for a look afterwards.
set -euo pipefail
# shellcheck source=scripts/lib-local.sh
source "$(dirname "$0")/lib-local.sh"

log "== stopping the local stack"
# The batch-sync scheduler first, with a run in progress: nothing is left to call the stack.
stop_service batch-sync-schedule
for ((i = ${#LOCAL_SERVICES[@]} - 1; i >= 0; i--)); do
  stop_service "${LOCAL_SERVICES[i]}"
done
log "local stack stopped (logs kept in $LOCAL_DIR/logs/)"
