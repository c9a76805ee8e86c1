#!/usr/bin/env bash
# make redeploy: after a code change, rebuild our images, apply the overlay again and roll out.
# Deployments are restarted explicitly: the tag (`dev`) does not change, so the Deployment spec
# would not either. CronJobs use the new image from their next run.
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
require_cluster
OVERLAY="$(deployed_overlay)"
[[ "$OVERLAY" == dev-registry ]] && OVERLAY=dev

step "Building and loading images"
deploy_overlay="$(load_images)" || die "building or loading the images failed (output above)"
echo "$deploy_overlay" >"$STATE_DIR/overlay"

step "Applying k8s/overlays/$deploy_overlay"
apply_overlay "$deploy_overlay"
k -n portal rollout restart deployment/portal deployment/load-generator >/dev/null
k -n hrt-sre rollout restart deployment/mock-slack >/dev/null
ok "applied; portal, load-generator and mock-slack restarting"

step "Waiting for every rollout"
wait_for_rollouts
ok "redeployed"
