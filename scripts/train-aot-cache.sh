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
# state. The auto-healer instead trains through one whole run, as its CronJob spends most of a run
# past the refresh (fabric8's pod list, owner lookups, patches, Events): against the mock API server
# of its benchmark (HealBenchmark serve, its test sources) over 1,000 pods on this host's loopback,
# reached with --network host; it heals that double's pods only (where the container cannot reach
# the host's loopback, it warns and trains to the refresh). batch-sync's run needs the portal
# and a Pushgateway, so it trains to the refresh. docs/jvm-runtime.md has the numbers.
# Settings: MVN (default ./mvnw -B -ntp -q), JIB_FROM (the base image), DOCKER (docker).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/jdk.sh
source "$root/scripts/jdk.sh"
jdk_use || exit 1 # ./mvnw and the auto-healer's training API server run on Java 25
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
# The architecture of this Docker engine: the training runs here. -am package: the services' run-time
# dependency service-support is one of our modules, which a fresh machine's ~/.m2 does not hold.
"${mvn[@]}" -pl "$(IFS=,; echo "$*")" -am -DskipTests package jib:buildTar "${jib[@]}" -Dimage.architecture="$(
  case "$("$docker" info --format '{{.Architecture}}')" in aarch64 | arm64) echo arm64 ;; *) echo amd64 ;; esac)"

out="$(mktemp -d)"
api_pid=""
trap 'if [[ -n "$api_pid" ]]; then kill "$api_pid" 2>/dev/null; fi; rm -rf "$out"' EXIT
chmod 0777 "$out" # the image's user (65532) writes the cache

# training_api_server LOG: the auto-healer's training cluster, a fabric8 mock API server over 1,000
# pods (50 crash-looping) in a JVM of its own; returns once it has written $out/kubeconfig.
training_api_server() {
  "${mvn[@]}" -pl auto-healer -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/training.classpath -Dmdep.includeScope=test
  java -cp "auto-healer/target/classes:auto-healer/target/test-classes:$(cat auto-healer/target/training.classpath)" \
    com.hrt.sre.autohealer.bench.HealBenchmark serve 1000 "$out/kubeconfig" >"$1" 2>&1 &
  api_pid=$!
  for _ in $(seq 1 600); do
    [[ -s "$out/kubeconfig" ]] && return 0
    kill -0 "$api_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "train-aot-cache: the auto-healer's training API server did not start (log: $1)" >&2
  exit 1
}

# train LOG DOCKER-OPTIONS... -- TRAINING-JVM-OPTIONS...: one training run of $image (its entrypoint,
# $envs) into $out/app.aot.
train() {
  local log="$1" docker_opts=() jvm_opts=(); shift
  while [[ "$1" != -- ]]; do docker_opts+=("$1"); shift; done
  shift; jvm_opts=("$@")
  rm -f "$out/app.aot"
  "$docker" run --rm "${docker_opts[@]}" "${envs[@]}" -v "$out:/aot" --entrypoint "${entrypoint[0]}" "$image" \
    -XX:AOTCacheOutput=/aot/app.aot "${jvm_opts[@]}" "${entrypoint[@]:1}" >"$log" 2>&1 || true # onRefresh may exit non-zero
}
for module in "$@"; do
  image="hrt-sre/$module:aot-training"
  "$docker" load -q -i "$module/target/jib-training.tar" >/dev/null
  # The image's own entrypoint (java, its flags, its class path, its main class) without the flag
  # that reads a cache, plus the training's; JAVA_TOOL_OPTIONS comes from the image as in a pod.
  mapfile -t entrypoint < <("$docker" image inspect -f '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$image" |
    grep -v -e '^-XX:AOTCache=' -e '^$')
  envs=(); for setting in "${training_env[@]}"; do envs+=(-e "$setting"); done
  log="$module/target/aot-training.log"
  rm -f "$module/target/aot-training-refresh.log"
  echo "train-aot-cache: $module (log: $log)"
  if [[ "$module" == auto-healer ]]; then
    training_api_server "$module/target/aot-training-api.log"
    train "$log" --network host -e KUBECONFIG=/aot/kubeconfig --
    kill "$api_pid"; api_pid=""
    if ! grep -q 'result: restarted=' "$log"; then
      # Docker Desktop (macOS, Windows) runs containers in a VM: --network host reaches the host's
      # loopback only with its host networking turned on. The image still gets a cache.
      log="$module/target/aot-training-refresh.log"
      echo "train-aot-cache: $module's training run healed nothing (no API server reached?), see" \
        "$module/target/aot-training.log; training to the context refresh instead (log: $log)" >&2
      train "$log" --network none -- -Dspring.context.exit=onRefresh
    fi
  else
    train "$log" --network none -- -Dspring.context.exit=onRefresh
  fi
  "$docker" image rm -f "$image" >/dev/null
  [[ -s "$out/app.aot" ]] || { echo "train-aot-cache: $module made no cache: see $log" >&2; exit 1; }
  mkdir -p "$module/target/aot"
  cp "$out/app.aot" "$module/target/aot/app.aot"
done
