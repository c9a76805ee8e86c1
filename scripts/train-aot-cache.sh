#!/usr/bin/env bash
# Trains each service image's JDK 25 AOT cache IN the image, so the cache matches the image's own
# JVM and class path exactly (a cache made with another JDK build or class path is refused):
#   scripts/train-aot-cache.sh MODULE...        (after `./mvnw package`; needs a Docker engine)
# writes MODULE/target/aot/app.aot; the next Jib build of MODULE adds it as the layer /app/aot/app.aot, which
# the entrypoint's -XX:AOTCache=/app/aot/app.aot (image.aot.flags in pom.xml) reads.
#
# Per module: Jib builds the image without a cache into target/jib-training.tar; docker runs its own
# entrypoint with -XX:AOTCacheOutput and Spring Boot's training exit (-Dspring.context.exit=onRefresh):
# it starts, refreshes the context and exits, with no network, binding no fixed port, keeping no
# state. A job's runner (the heal, the sync) never runs in training. docs/jvm-runtime.md has the
# numbers. Settings: MVN (default ./mvnw -B -ntp -q), JIB_FROM (the base image), DOCKER (docker).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
(($#)) || { echo "usage: $0 MODULE..." >&2; exit 2; }
read -r -a mvn <<<"${MVN:-./mvnw -B -ntp -q}"
docker="${DOCKER:-docker}"
"$docker" info >/dev/null 2>&1 || { echo "train-aot-cache: no running Docker engine ($docker info failed)" >&2; exit 1; }

# The settings each app needs to refresh its context. No network: batch-sync's and the
# auto-healer's metrics push at context close fails (nothing must look like a run).
training_env=(SERVER_PORT=0 RATE=0 PORTAL_STATE_DIR=/tmp/portal-state
  PORTAL_URL=http://127.0.0.1:9 PUSHGATEWAY_URL=http://127.0.0.1:9 TARGET_URL=http://127.0.0.1:9
  MOCKSLACK_ALERTMANAGER_URL=http://127.0.0.1:9)

for module in "$@"; do rm -rf "$module/target/aot"; done
jib=(-Dimage.tag=aot-training -Djib.outputPaths.tar=target/jib-training.tar)
if [[ -n "${JIB_FROM:-}" ]]; then jib+=("-Djib.from.image=$JIB_FROM"); fi
# The architecture of this Docker engine: the training runs here.
"${mvn[@]}" -pl "$(IFS=,; echo "$*")" jib:buildTar "${jib[@]}" -Dimage.architecture="$(
  case "$("$docker" info --format '{{.Architecture}}')" in aarch64 | arm64) echo arm64 ;; *) echo amd64 ;; esac)"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
chmod 0777 "$out" # the image's user (65532) writes the cache
for module in "$@"; do
  image="hrt-sre/$module:aot-training"
  "$docker" load -q -i "$module/target/jib-training.tar" >/dev/null
  # The image's own entrypoint (java, its flags, its class path, its main class) without the flag
  # that reads a cache, plus the training's; JAVA_TOOL_OPTIONS comes from the image as in a pod.
  mapfile -t entrypoint < <("$docker" image inspect -f '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$image" |
    grep -v -e '^-XX:AOTCache=' -e '^$')
  envs=(); for setting in "${training_env[@]}"; do envs+=(-e "$setting"); done
  rm -f "$out/app.aot"
  echo "train-aot-cache: $module (log: $module/target/aot-training.log)"
  "$docker" run --rm --network none "${envs[@]}" -v "$out:/aot" --entrypoint "${entrypoint[0]}" "$image" \
    -XX:AOTCacheOutput=/aot/app.aot -Dspring.context.exit=onRefresh "${entrypoint[@]:1}" >"$module/target/aot-training.log" 2>&1 || true # onRefresh may exit non-zero
  "$docker" image rm -f "$image" >/dev/null
  [[ -s "$out/app.aot" ]] || { echo "train-aot-cache: $module made no cache: see $module/target/aot-training.log" >&2; exit 1; }
  mkdir -p "$module/target/aot"
  cp "$out/app.aot" "$module/target/aot/app.aot"
done
