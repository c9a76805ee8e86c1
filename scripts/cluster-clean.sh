#!/usr/bin/env bash
# make clean: delete the k3d cluster and its registry (and the generated secrets with them).
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
command -v k3d >/dev/null || die "k3d is not installed: nothing to clean"
if cluster_exists; then
  k3d cluster delete "$CLUSTER"
  ok "cluster $CLUSTER deleted"
else
  ok "no cluster $CLUSTER"
fi
if k3d registry list "k3d-$REGISTRY_NAME" >/dev/null 2>&1; then
  k3d registry delete "k3d-$REGISTRY_NAME"
  ok "registry k3d-$REGISTRY_NAME deleted"
fi
rm -rf "$STATE_DIR"
