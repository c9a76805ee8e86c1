#!/usr/bin/env bash
# make local-reload: the inner loop on rules and routes. Re-renders the local configs from
# prometheus/ and asks the running Prometheus and Alertmanager to reload them (no restart, no data
# lost). A config they reject leaves the previous one active; the answer says why.
set -euo pipefail
# shellcheck source=scripts/lib-local.sh
source "$(dirname "$0")/lib-local.sh"

running_pid prometheus >/dev/null || die "the local stack is not running: make local-up"
render_local_config "$LOCAL_DIR"
for name in prometheus alertmanager; do
  curl -fsS --max-time 10 -X POST "$(local_url "$name")/-/reload" || die "$name rejected the new configuration (see $LOCAL_DIR/logs/$name.log)"
  log "reloaded $name"
done
