#!/usr/bin/env bash
# Shared by the cluster scripts (bootstrap, redeploy, break, heal, ...): settings, output helpers,
# prerequisite checks, rendering, image loading and the portal admin API. Sourced, never run.
# shellcheck disable=SC2034  # settings are used by the scripts that source this file

# Errors inside $(...) stop the script too (bash >= 4.4; older bash relies on the explicit checks).
shopt -s inherit_errexit 2>/dev/null || true

CLUSTER="${CLUSTER:-hrt-demo}"
OVERLAY="${OVERLAY:-dev}"
REGISTRY_NAME="hrt-registry.localhost"   # k3d names the container k3d-hrt-registry.localhost
REGISTRY_PORT="${REGISTRY_PORT:-5111}"
REGISTRY_IN_CLUSTER="k3d-${REGISTRY_NAME}:${REGISTRY_PORT}"
LB_PORT="${LB_PORT:-8080}"
MODULES=(portal load-generator mock-slack batch-sync auto-healer)
DEPLOYMENTS=(
  portal/portal portal/load-generator
  hrt-sre/mock-slack hrt-sre/prometheus hrt-sre/alertmanager hrt-sre/pushgateway
  hrt-sre/kube-state-metrics hrt-sre/grafana
)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$ROOT/.local/cluster"
MVN=("$ROOT/mvnw" -B -q -ntp)

if [[ -t 1 ]]; then bold=$'\033[1m'; green=$'\033[32m'; yellow=$'\033[33m'; red=$'\033[31m'; off=$'\033[0m'
else bold=""; green=""; yellow=""; red=""; off=""; fi
step() { printf '\n%s==> %s%s\n' "$bold" "$*" "$off"; }
info() { printf '    %s\n' "$*"; }
ok()   { printf '    %s✓%s %s\n' "$green" "$off" "$*"; }
warn() { printf '    %s!%s %s\n' "$yellow" "$off" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$red" "$off" "$*" >&2; exit 1; }

# The image tag an overlay deploys: ci builds `ci`, every other overlay `dev`.
image_tag() { if [[ "$OVERLAY" == ci ]]; then echo ci; else echo dev; fi; }

# kubectl against the demo cluster only, whatever the current context is.
k() { kubectl --context "k3d-${CLUSTER}" "$@"; }

cluster_exists() { k3d cluster list "$CLUSTER" >/dev/null 2>&1; }

# The targets after bootstrap need only kubectl and the context k3d wrote for the cluster.
require_cluster() {
  command -v kubectl >/dev/null || die "kubectl is not installed (https://kubernetes.io/docs/tasks/tools/)"
  kubectl config get-contexts "k3d-${CLUSTER}" >/dev/null 2>&1 \
    || die "no kube context k3d-${CLUSTER}: run 'make bootstrap' first (or set CLUSTER=<name>)"
}

# Renders an overlay exactly as the tests and `kubectl apply -k` do: kustomize's defaults (the
# ConfigMaps of prometheus/ and grafana/ come from kustomizations inside those folders).
render() { kubectl kustomize "$ROOT/k8s/overlays/$1"; }

# Server-side apply: no last-applied annotation (the dashboards ConfigMap is large), and fields
# others own (the auto-healer's restartedAt annotation) are left alone.
apply_overlay() {
  render "$1" | k apply --server-side --field-manager=hrt-bootstrap --force-conflicts -f - >/dev/null
}

# Waits for every Deployment, one after the other, showing kubectl's own progress lines.
wait_for_rollouts() {
  local i=0 total=${#DEPLOYMENTS[@]} entry
  for entry in "${DEPLOYMENTS[@]}"; do
    i=$((i + 1))
    info "[$i/$total] ${entry%%/*}/${entry##*/}"
    k -n "${entry%%/*}" rollout status "deployment/${entry##*/}" --timeout="${ROLLOUT_TIMEOUT:-300s}" \
      | sed 's/^/        /' || die "deployment ${entry} did not become ready: make status; make logs SERVICE=${entry##*/}"
  done
}

registry_running() {
  docker inspect -f '{{.State.Running}}' "k3d-${REGISTRY_NAME}" 2>/dev/null | grep -qx true
}

# Builds our images and makes them available to the cluster. Preferred: Jib pushes to the
# k3d-managed registry (only changed layers travel). Fallback: Jib writes tarballs that
# `k3d image import` copies into every node. Prints the overlay to deploy.
load_images() {
  local tag; tag="$(image_tag)"
  local from=(); [[ -n "${JIB_FROM:-}" ]] && from=("-Djib.from.image=$JIB_FROM")
  local list; list="$(IFS=,; echo "${MODULES[*]}")"
  info "compiling ${MODULES[*]}" >&2
  "${MVN[@]}" -pl "$list" -am package -DskipTests >&2 || return 1
  if [[ "$OVERLAY" == dev && "${USE_REGISTRY:-1}" == 1 && -f "$STATE_DIR/registry-$CLUSTER" ]] \
      && registry_running; then
    local module pushed=1
    for module in "${MODULES[@]}"; do
      info "jib: $module -> localhost:${REGISTRY_PORT}/hrt-sre/$module:$tag" >&2
      if ! "${MVN[@]}" -pl "$module" jib:build "${from[@]}" -Dimage.tag="$tag" \
          -Djib.to.image="localhost:${REGISTRY_PORT}/hrt-sre/$module:$tag" \
          -Djib.allowInsecureRegistries=true >&2; then
        warn "push to the local registry failed: falling back to image import" ; pushed=0; break
      fi
    done
    if ((pushed)); then echo dev-registry; return; fi
  fi
  info "jib: building image tarballs (tag $tag)" >&2
  "${MVN[@]}" -pl "$list" jib:buildTar "${from[@]}" -Dimage.tag="$tag" >&2 || return 1
  local tars=(); for module in "${MODULES[@]}"; do tars+=("$ROOT/$module/target/jib-image.tar"); done
  info "k3d image import (${#tars[@]} images)" >&2
  k3d image import --cluster "$CLUSTER" "${tars[@]}" >&2 || return 1
  echo "$OVERLAY"
}

# The overlay that was last deployed (bootstrap/redeploy remember it for the other targets).
deployed_overlay() { cat "$STATE_DIR/overlay" 2>/dev/null || echo "$OVERLAY"; }

secret_value() { # namespace name key
  k -n "$1" get secret "$2" -o "jsonpath={.data.$3}" 2>/dev/null | base64 --decode
}

# Calls the portal admin API on EVERY portal pod: chaos settings are per pod. The portal image has
# no shell or curl, so each call goes through `kubectl port-forward` to that pod, from this machine.
#   portal_admin_all METHOD PATH [JSON_BODY]
portal_admin_all() {
  local method="$1" path="$2" body="${3:-}" token pods pod failed=0
  token="$(secret_value portal portal-admin token)"
  [[ -n "$token" ]] || die "no portal admin token (secret portal/portal-admin): run 'make bootstrap'"
  pods="$(k -n portal get pods -l app.kubernetes.io/name=portal --field-selector=status.phase=Running \
    -o jsonpath='{.items[*].metadata.name}')"
  [[ -n "$pods" ]] || die "no running portal pod: make status"
  local tmp; tmp="$(mktemp -d)"
  # The token goes in a header file, never on a command line other users could read.
  printf 'Authorization: Bearer %s\n' "$token" >"$tmp/auth"; chmod 600 "$tmp/auth"
  for pod in $pods; do
    if portal_admin_pod "$pod" "$method" "$path" "$body" "$tmp"; then
      ok "$pod: $(tr -d '\n' <"$tmp/reply")"
    else
      warn "$pod: $method $path failed ($(tr -d '\n' <"$tmp/reply" 2>/dev/null))"; failed=1
    fi
  done
  rm -rf "$tmp"
  return "$failed"
}

portal_admin_pod() { # pod method path body tmpdir
  local pod="$1" method="$2" path="$3" body="$4" tmp="$5" pf port="" status
  : >"$tmp/reply"
  # kubectl itself in the background (not the k wrapper), so that killing $pf stops it.
  kubectl --context "k3d-${CLUSTER}" -n portal port-forward "pod/$pod" :8080 >"$tmp/pf.log" 2>&1 &
  pf=$!
  for _ in $(seq 1 50); do
    port="$(sed -n 's/^Forwarding from 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/pf.log" | head -1)"
    [[ -n "$port" ]] && break
    kill -0 "$pf" 2>/dev/null || break
    sleep 0.2
  done
  if [[ -z "$port" ]]; then
    kill "$pf" 2>/dev/null || true; wait "$pf" 2>/dev/null || true
    cp "$tmp/pf.log" "$tmp/reply"; return 1
  fi
  local args=(-sS -o "$tmp/reply" -w '%{http_code}' -X "$method" -H @"$tmp/auth" --max-time 10)
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  status="$(curl "${args[@]}" "http://127.0.0.1:$port$path" || echo 000)"
  kill "$pf" 2>/dev/null || true; wait "$pf" 2>/dev/null || true
  [[ "$status" == 2?? ]]
}
