#!/usr/bin/env bash
# Renders the local-mode copies of prometheus/prometheus.yml and prometheus/alertmanager.yml into
# OUT_DIR (default .local/): the same files with in-cluster addresses turned into 127.0.0.1 and the
# cluster's pod discovery replaced by static targets. make local-up runs it; the monitoring tests
# run it too, to check the rendered files with promtool and amtool.
#   usage: scripts/local-render-config.sh [OUT_DIR]
set -euo pipefail
# shellcheck source=scripts/lib-local.sh
source "$(dirname "$0")/lib-local.sh"

out="${1:-$LOCAL_DIR}"
render_local_config "$out"
log "rendered $out/prometheus/prometheus.yml and $out/alertmanager/alertmanager.yml"
