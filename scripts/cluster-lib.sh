#!/usr/bin/env bash
# Shared by the cluster scripts (bootstrap, redeploy, break, heal, ...): settings, output helpers,
# prerequisite checks, rendering, image loading and the portal admin API. Sourced, never run.
# shellcheck disable=SC2034  # settings are used by the scripts that source this file

# Bash 4.4 or newer, checked first, before anything newer is parsed: macOS ships bash 3.2, where
# an empty array under `set -u` aborts and `inherit_errexit` does not exist.
#   require_bash MAJOR MINOR
require_bash() {
  local major="$1" minor="$2"
  if [ "$major" -lt 4 ] || { [ "$major" -eq 4 ] && [ "$minor" -lt 4 ]; }; then
    echo "error: the cluster scripts need bash 4.4 or newer; this is bash $major.$minor." >&2
    echo "  macOS: 'brew install bash' (Homebrew's bash then comes first on PATH; open a new terminal)." >&2
    exit 1
  fi
}
require_bash "${BASH_VERSINFO[0]}" "${BASH_VERSINFO[1]}"

# Errors inside $(...) stop the script too (bash >= 4.4; older bash relies on the explicit checks).
shopt -s inherit_errexit 2>/dev/null || true

CLUSTER="${CLUSTER:-hrt-demo}"
OVERLAY="${OVERLAY:-dev}"
REGISTRY_NAME="hrt-registry.localhost"   # k3d names the container k3d-hrt-registry.localhost
REGISTRY_PORT="${REGISTRY_PORT:-5111}"
REGISTRY_IN_CLUSTER="k3d-${REGISTRY_NAME}:${REGISTRY_PORT}"
LB_PORT="${LB_PORT:-8080}"
# The k3s release the cluster runs: pinned, not whatever the k3d release defaults to.
K3S_IMAGE="${K3S_IMAGE:-rancher/k3s:v1.32.4-k3s1}"
# Oldest versions bootstrap accepts (checked up front; docs/demo.md lists what was tested).
MIN_K3D=5.6.0
MIN_KUBECTL=1.29.0
MIN_DOCKER=20.10.0
MODULES=(portal load-generator mock-slack batch-sync auto-healer)
DEPLOYMENTS=(
  portal/portal portal/load-generator
  hrt-sre/mock-slack hrt-sre/prometheus hrt-sre/alertmanager hrt-sre/pushgateway
  hrt-sre/kube-state-metrics hrt-sre/grafana
)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# ./mvnw (Jib builds) runs on the JDK 25+ scripts/jdk.sh finds; bootstrap checks that there is one.
# shellcheck source=scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
jdk_use 2>/dev/null || true
STATE_DIR="$ROOT/.local/cluster"
MVN=("$ROOT/mvnw" -B -q -ntp)

if [[ -t 1 ]]; then bold=$'\033[1m'; green=$'\033[32m'; yellow=$'\033[33m'; red=$'\033[31m'; off=$'\033[0m'
else bold=""; green=""; yellow=""; red=""; off=""; fi
step() { printf '\n%s==> %s%s\n' "$bold" "$*" "$off"; }
info() { printf '    %s\n' "$*"; }
ok()   { printf '    %s✓%s %s\n' "$green" "$off" "$*"; }
warn() { printf '    %s!%s %s\n' "$yellow" "$off" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$red" "$off" "$*" >&2; exit 1; }

# The tag of the images this build deploys, derived from the content: the commit, plus a hash of
# the uncommitted changes (tracked diffs and untracked files) when there are any. Every rebuild
# after a change gets a new tag, so the pod spec changes and rolls out, and a node's cached image
# (IfNotPresent) can never be an older build under the same name.
#   content_tag DIR
content_tag() {
  local dir="$1" commit dirty file
  commit="$(git -C "$dir" rev-parse --short=12 HEAD 2>/dev/null || echo nocommit)"
  dirty="$( { git -C "$dir" diff HEAD --binary 2>/dev/null
              while IFS= read -r -d '' file; do printf '%s\n' "$file"; cat -- "$dir/$file"; done \
                < <(git -C "$dir" ls-files --others --exclude-standard -z 2>/dev/null)
            } | git hash-object --stdin)"
  if [[ -z "$(git -C "$dir" status --porcelain 2>/dev/null)" ]]; then echo "$commit"
  else echo "$commit-${dirty:0:12}"; fi
}

# Every image gets two tags: the content tag (what bootstrap and redeploy deploy) and the moving
# tag the overlays name in Git (`dev`, `ci`), which GitOps (Argo CD, the watcher) deploys.
moving_tag() { if [[ "$OVERLAY" == ci ]]; then echo ci; else echo dev; fi; }
image_tag() { content_tag "$ROOT"; }

# The cluster nodes' CPU architecture as Jib names it, from the Docker engine k3d runs them on.
#   jib_architecture "$(docker info --format '{{.Architecture}}')"
jib_architecture() {
  local arch="$1"
  case "$arch" in
    x86_64|amd64) echo amd64 ;;
    aarch64|arm64) echo arm64 ;;
    *) echo "unsupported node architecture '$arch' (docker info): amd64 and arm64 are built" >&2; return 1 ;;
  esac
}

# version_at_least HAVE MIN: numeric comparison of dotted versions (a leading v is ignored).
version_at_least() {
  local have="${1#v}" min="${2#v}" i h m
  for i in 1 2 3; do
    h="$(echo "$have" | cut -d. -f"$i" | sed 's/[^0-9].*//')"; m="$(echo "$min" | cut -d. -f"$i")"
    h="${h:-0}"; m="${m:-0}"
    if ((h > m)); then return 0; fi
    if ((h < m)); then return 1; fi
  done
  return 0
}

# require_version NAME HAVE MIN HINT: dies naming the minimum when HAVE is older. A version that
# cannot be read (a development build, e.g. k3d from `go install` says v5-dev) is only a warning.
require_version() {
  local name="$1" have="$2" min="$3" hint="$4"
  if [[ -z "$have" ]]; then
    warn "$name: could not read its version; SRE Playground needs $min or newer ($hint)"
    return 0
  fi
  version_at_least "$have" "$min" \
    || die "$name $have is too old: SRE Playground needs $min or newer ($hint)"
  ok "$name $have (>= $min)"
}

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

# The overlay with our images at TAG: a kustomization of its own (under .local/, never committed)
# whose base is the overlay, so the overlay's own image names (local registry or not) are kept.
#   render_tagged OVERLAY TAG
render_tagged() {
  local dir="$STATE_DIR/deploy" module
  mkdir -p "$dir"
  {
    printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n'
    printf 'resources:\n  - ../../../k8s/overlays/%s\nimages:\n' "$1"
    for module in "${MODULES[@]}"; do
      printf '  - name: hrt-sre/%s\n    newTag: "%s"\n' "$module" "$2"
      printf '  - name: %s/hrt-sre/%s\n    newTag: "%s"\n' "$REGISTRY_IN_CLUSTER" "$module" "$2"
    done
  } >"$dir/kustomization.yaml"
  kubectl kustomize "$dir"
}

# The kinds apply_overlay may prune: every namespaced kind the overlays render (not Secrets, Jobs
# or Pods, which others create). Pruning removes what carries our label and left the render,
# e.g. the previous hash-suffixed ConfigMaps after a rule or dashboard change.
PRUNE_ALLOWLIST=(
  core/v1/ConfigMap core/v1/Service core/v1/ServiceAccount apps/v1/Deployment batch/v1/CronJob
  networking.k8s.io/v1/Ingress networking.k8s.io/v1/NetworkPolicy policy/v1/PodDisruptionBudget
  rbac.authorization.k8s.io/v1/RoleBinding rbac.authorization.k8s.io/v1/ClusterRole
  rbac.authorization.k8s.io/v1/ClusterRoleBinding
)

# Server-side apply: no last-applied annotation (the dashboards ConfigMap is large), and fields
# others own (the auto-healer's restartedAt annotation) are left alone; then prune what carries
# our label and is no longer rendered.
#   apply_overlay OVERLAY [TAG]
apply_overlay() {
  local prune=(--prune -l app.kubernetes.io/part-of=hrt-sre-playground) kind
  for kind in "${PRUNE_ALLOWLIST[@]}"; do prune+=(--prune-allowlist "$kind"); done
  { if [[ -n "${2:-}" ]]; then render_tagged "$1" "$2"; else render "$1"; fi; } \
    | k apply --server-side --field-manager=hrt-bootstrap --force-conflicts "${prune[@]}" -f - >/dev/null
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

# Builds our images and makes them available to the cluster, tagged with the content tag
# ($IMAGE_TAG, default content_tag) and the overlays' moving tag. Preferred: Jib pushes to the
# k3d-managed registry (only changed layers travel). Fallback: Jib writes tarballs that
# `k3d image import` copies into every node. Built for the nodes' architecture. Prints the overlay
# to deploy (dev-registry when the images are in the registry). Used by bootstrap, redeploy and
# `make load-images`.
load_images() {
  local tag="${IMAGE_TAG:-$(image_tag)}" moving arch
  moving="$(moving_tag)"
  arch="$(jib_architecture "$(docker info --format '{{.Architecture}}' 2>/dev/null)")" || return 1
  local jib=("-Dimage.architecture=$arch" "-Djib.to.tags=$moving")
  if [[ -n "${JIB_FROM:-}" ]]; then jib+=("-Djib.from.image=$JIB_FROM"); fi
  local list; list="$(IFS=,; echo "${MODULES[*]}")"
  info "compiling ${MODULES[*]} (images linux/$arch, tags $tag and $moving)" >&2
  "${MVN[@]}" -pl "$list" -am package -DskipTests >&2 || return 1
  # Each image ships a JDK 25 AOT cache trained in the image itself (docs/jvm-runtime.md).
  info "training each image's AOT cache" >&2
  MVN="${MVN[*]}" JIB_FROM="${JIB_FROM:-}" "$ROOT/scripts/train-aot-cache.sh" "${MODULES[@]}" >&2 || return 1
  if [[ "$OVERLAY" == dev && "${USE_REGISTRY:-1}" == 1 && -f "$STATE_DIR/registry-$CLUSTER" ]] \
      && registry_running; then
    local module pushed=1
    for module in "${MODULES[@]}"; do
      info "jib: $module -> localhost:${REGISTRY_PORT}/hrt-sre/$module:$tag" >&2
      if ! "${MVN[@]}" -pl "$module" -am -DskipTests package jib:build "${jib[@]}" -Dimage.tag="$tag" \
          -Djib.to.image="localhost:${REGISTRY_PORT}/hrt-sre/$module:$tag" \
          -Djib.allowInsecureRegistries=true >&2; then
        warn "push to the local registry failed: falling back to image import" ; pushed=0; break
      fi
    done
    if ((pushed)); then echo "$tag" >"$STATE_DIR/tag"; echo dev-registry; return; fi
  fi
  info "jib: building image tarballs (tag $tag)" >&2
  "${MVN[@]}" -pl "$list" -am -DskipTests package jib:buildTar "${jib[@]}" -Dimage.tag="$tag" >&2 || return 1
  local tars=(); for module in "${MODULES[@]}"; do tars+=("$ROOT/$module/target/jib-image.tar"); done
  info "k3d image import (${#tars[@]} images)" >&2
  k3d image import --cluster "$CLUSTER" "${tars[@]}" >&2 || return 1
  echo "$tag" >"$STATE_DIR/tag"
  echo "$OVERLAY"
}

# The overlay and image tag last deployed (bootstrap/redeploy remember them for the other targets).
deployed_overlay() { cat "$STATE_DIR/overlay" 2>/dev/null || echo "$OVERLAY"; }
deployed_tag() { cat "$STATE_DIR/tag" 2>/dev/null || true; }

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
