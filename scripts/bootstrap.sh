#!/usr/bin/env bash
# make bootstrap: the whole playground in a local k3d cluster, from nothing, in about five minutes.
#   1. checks prerequisites (with versions and what to do when one is missing)
#   2. creates the k3d-managed registry and the cluster `hrt-demo` (k3s pinned by K3S_IMAGE,
#      2 agents, 127.0.0.1:8080 -> :80)
#   3. builds our images with Jib for the nodes' architecture, tagged with the content tag (commit
#      + hash of uncommitted changes) and `dev`, and pushes them to that registry (fallback:
#      tarballs imported into the nodes)
#   4. generates the Grafana admin password and the portal admin token into Secrets, once
#   5. applies the overlay, waits for every rollout, checks the portal through the load balancer,
#      and prints URLs and credentials.
# Rerunning it updates everything in place; it never recreates what exists.
# Settings (environment or make variables): CLUSTER=hrt-demo OVERLAY=dev|ci USE_REGISTRY=1|0
#   JIB_FROM=<base image override> LB_PORT=8080 REGISTRY_PORT=5111 K3S_IMAGE=rancher/k3s:<tag>
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
started=$SECONDS

version_of() { "$@" 2>&1 | head -1 || true; }

step "Checking prerequisites"
missing=0
check() { # name hint command...
  local name="$1" hint="$2"; shift 2
  if command -v "$name" >/dev/null; then ok "$name: $(version_of "$@")"; else warn "$name not found: $hint"; missing=1; fi
}
check docker "install Docker Desktop or docker.io (Podman works too: https://k3d.io/#podman)" docker --version
check k3d "https://k3d.io/#installation ($MIN_K3D or newer)" k3d version
check kubectl "https://kubernetes.io/docs/tasks/tools/ ($MIN_KUBECTL or newer, with kustomize built in)" kubectl version --client
if jdk_use; then ok "java: $(version_of java -version) ($JAVA_HOME)"; else missing=1; fi
check curl "your package manager's curl" curl --version
((missing == 0)) || die "install what is missing above, then run 'make bootstrap' again"
docker info >/dev/null 2>&1 || die "Docker is installed but not running: start Docker Desktop / 'sudo systemctl start docker'"
require_version k3d "$(k3d version 2>/dev/null | sed -n 's/^k3d version v\{0,1\}\([0-9][0-9]*\.[0-9][0-9.]*\).*/\1/p' | head -1)" \
  "$MIN_K3D" "https://k3d.io/#installation"
require_version kubectl "$(kubectl version --client 2>/dev/null | sed -n 's/^Client Version: v\{0,1\}\([0-9][0-9]*\.[0-9][0-9.]*\).*/\1/p' | head -1)" \
  "$MIN_KUBECTL" "https://kubernetes.io/docs/tasks/tools/"
require_version "Docker engine" "$(docker version --format '{{.Server.Version}}' 2>/dev/null | sed 's/[^0-9.].*//')" \
  "$MIN_DOCKER" "update Docker Desktop or docker.io"
ok "docker daemon answers; cluster '$CLUSTER', overlay '$OVERLAY'"

step "Registry and cluster"
mkdir -p "$STATE_DIR"
if [[ "$OVERLAY" == dev && "${USE_REGISTRY:-1}" == 1 ]]; then
  if k3d registry list "k3d-$REGISTRY_NAME" >/dev/null 2>&1; then
    ok "registry k3d-$REGISTRY_NAME exists (localhost:$REGISTRY_PORT)"
  else
    if k3d registry create "$REGISTRY_NAME" --port "127.0.0.1:$REGISTRY_PORT" >/dev/null; then
      ok "registry k3d-$REGISTRY_NAME created (localhost:$REGISTRY_PORT)"
    else
      warn "could not create the registry; images will be imported into the nodes instead"
    fi
  fi
fi
if cluster_exists; then
  ok "cluster $CLUSTER exists: updating it in place"
  k3d cluster start "$CLUSTER" >/dev/null 2>&1 || true
else
  if (exec 3<>"/dev/tcp/127.0.0.1/$LB_PORT") 2>/dev/null; then
    die "port $LB_PORT is in use: stop what uses it, or run 'make bootstrap LB_PORT=<free port>'"
  fi
  # The load balancer listens on 127.0.0.1 only: the demo is not for the network.
  create_args=(--image "$K3S_IMAGE" --agents 2 --port "127.0.0.1:${LB_PORT}:80@loadbalancer"
    --wait --timeout 180s)
  rm -f "$STATE_DIR/registry-$CLUSTER"
  if [[ "$OVERLAY" == dev && "${USE_REGISTRY:-1}" == 1 ]] && registry_running; then
    create_args+=(--registry-use "$REGISTRY_IN_CLUSTER")
  fi
  info "k3d cluster create $CLUSTER ${create_args[*]} (about a minute)"
  k3d cluster create "$CLUSTER" "${create_args[@]}"
  # Only a cluster created with the registry can pull from it (k3d writes the node's registries.yaml).
  [[ " ${create_args[*]} " == *" --registry-use "* ]] && touch "$STATE_DIR/registry-$CLUSTER"
  ok "cluster $CLUSTER created"
fi
# k3s installs Traefik (the Ingress controller) with a Helm job shortly after start.
for _ in $(seq 1 60); do
  k -n kube-system get deployment traefik >/dev/null 2>&1 && break
  sleep 3
done
if k -n kube-system rollout status deployment/traefik --timeout=180s >/dev/null 2>&1; then
  ok "Traefik ingress controller ready"
else
  warn "Traefik is not ready yet; http://localhost:$LB_PORT/ may take a moment"
fi

step "Building and loading images (Jib)"
deploy_overlay="$(load_images)" || die "building or loading the images failed (output above)"
echo "$deploy_overlay" >"$STATE_DIR/overlay"
tag="$(deployed_tag)"
ok "images ready (tag $tag); deploying overlay $deploy_overlay"

step "Namespaces and generated secrets"
k apply --server-side --field-manager=hrt-bootstrap -f "$ROOT/k8s/base/namespaces.yaml" >/dev/null
random_secret() { od -An -N18 -tx1 /dev/urandom | tr -d ' \n'; }
if k -n hrt-sre get secret grafana-admin >/dev/null 2>&1; then
  ok "secret hrt-sre/grafana-admin exists (kept)"
else
  k -n hrt-sre create secret generic grafana-admin \
    --from-literal=admin-user=admin --from-literal=admin-password="$(random_secret)" >/dev/null
  ok "secret hrt-sre/grafana-admin generated"
fi
if k -n portal get secret portal-admin >/dev/null 2>&1; then
  ok "secret portal/portal-admin exists (kept)"
else
  k -n portal create secret generic portal-admin --from-literal=token="$(random_secret)" >/dev/null
  ok "secret portal/portal-admin generated"
fi

step "Applying k8s/overlays/$deploy_overlay with image tag $tag"
apply_overlay "$deploy_overlay" "$tag"
ok "applied (objects of ours no longer rendered were pruned)"

step "Waiting for every rollout"
wait_for_rollouts

step "Checking the portal through the load balancer"
for _ in $(seq 1 30); do
  curl -fsS -o /dev/null --max-time 3 "http://localhost:$LB_PORT/health" && break
  sleep 2
done
if curl -fsS -o /dev/null --max-time 3 "http://localhost:$LB_PORT/health"; then
  ok "http://localhost:$LB_PORT/health answers"
else
  warn "http://localhost:$LB_PORT/ does not answer yet (Traefik may still be starting): make status"
fi

step "Ready in $(((SECONDS - started) / 60))m$(((SECONDS - started) % 60))s"
cat <<INFO
    Portal            http://localhost:$LB_PORT/            (through k3d's load balancer and Traefik)
    Start 'make port-forward' in a second terminal for the rest:
    Grafana           http://localhost:3000/   user $(secret_value hrt-sre grafana-admin admin-user)  password $(secret_value hrt-sre grafana-admin admin-password)
    Prometheus        http://localhost:9090/
    Alertmanager      http://localhost:9093/
    mock-slack        http://localhost:8081/   (where the alerts arrive)
    Pushgateway       http://localhost:9091/
    Portal admin token: $(secret_value portal portal-admin token)

    Next: open Grafana's "Portal RED Metrics" dashboard, then run 'make break' (docs/demo.md).
INFO
