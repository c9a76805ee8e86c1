#!/usr/bin/env bash
# Prints the manifests of one overlay, built the one way every caller builds them:
#   scripts/cluster-render.sh [OVERLAY]     (default dev; see k8s/overlays/)
# Kustomize's defaults, as `kubectl apply -k k8s/overlays/<name>` builds it.
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
overlay="${1:-$OVERLAY}"
[[ -f "$ROOT/k8s/overlays/$overlay/kustomization.yaml" ]] \
  || die "no overlay '$overlay' (see k8s/overlays/)"
render "$overlay"
