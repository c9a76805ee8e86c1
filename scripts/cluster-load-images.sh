#!/usr/bin/env bash
# make load-images: build our images and load them into the cluster exactly as bootstrap does
# (cluster-lib.sh load_images: the k3d registry when bootstrap set it up, else `k3d image import`
# into every node), with the content tag and the overlays' moving tag. Nothing is applied: pods
# waiting in ImagePullBackOff for these tags retry by themselves; `make redeploy` deploys them.
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
require_cluster
command -v k3d >/dev/null || die "k3d is not installed (https://k3d.io/#installation)"
cluster_exists || die "cluster '$CLUSTER' does not exist: run 'make bootstrap' first"
OVERLAY="$(deployed_overlay)"
[[ "$OVERLAY" == dev-registry ]] && OVERLAY=dev

step "Building and loading images"
loaded_into="$(load_images)" || die "building or loading the images failed (output above)"
ok "images hrt-sre/{${MODULES[*]}} tagged $(deployed_tag) and $(moving_tag) are in the cluster ($( [[ "$loaded_into" == dev-registry ]] && echo "registry k3d-$REGISTRY_NAME" || echo "imported into the nodes"))"
info "Pods waiting for them retry by themselves; 'make redeploy' deploys this tag."
