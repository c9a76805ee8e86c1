#!/usr/bin/env bash
# make redeploy: after a code change, rebuild our images, apply the overlay again and roll out.
# The image tag is derived from the content (commit + hash of uncommitted changes), so a change
# gives new pod specs and the Deployments roll out by themselves; without a change nothing
# restarts. CronJobs use the new image from their next run.
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
require_cluster
OVERLAY="$(deployed_overlay)"
[[ "$OVERLAY" == dev-registry ]] && OVERLAY=dev

step "Building and loading images"
deploy_overlay="$(load_images)" || die "building or loading the images failed (output above)"
echo "$deploy_overlay" >"$STATE_DIR/overlay"

tag="$(deployed_tag)"

step "Applying k8s/overlays/$deploy_overlay with image tag $tag"
apply_overlay "$deploy_overlay" "$tag"
ok "applied"

step "Waiting for every rollout"
wait_for_rollouts
ok "redeployed"
