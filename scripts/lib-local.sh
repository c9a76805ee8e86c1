#!/usr/bin/env bash
# Shared by scripts/local-*.sh and scripts/drill*.sh (sourced, not run): the local stack's
# port table, config rendering, and process bookkeeping. See docs/monitoring.md, "Local mode".
#
# Everything local mode writes lives under .local/ (git-ignored):
#   .local/pids/<name>.pid    "<pid> <start-time>" of each process local-up started
#   .local/logs/<name>.log    its output
#   .local/prometheus/, .local/alertmanager/   rendered configs and data
#   .local/portal-state/      the portal's chaos state directory
#   .local/env                URLs and the generated portal admin token (mode 600)
# shellcheck disable=SC2034 # the settings below are used by the scripts that source this file

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# `java` below is the JDK 25+ scripts/jdk.sh finds, when the machine has one (local-up insists).
# shellcheck source=scripts/jdk.sh
source "$REPO_ROOT/scripts/jdk.sh"
jdk_use 2>/dev/null || true
LOCAL_DIR="${LOCAL_DIR:-$REPO_ROOT/.local}"
VERSION="0.1.0-SNAPSHOT"
# Every process binds here only: local mode is never reachable from the network.
LOCAL_HOST="127.0.0.1"

# The fixed host ports (the same as the cluster demo's port-forwards). Order = start order of local-up (and reverse stop order).
LOCAL_SERVICES=(pushgateway mock-slack alertmanager portal load-generator prometheus)
declare -A LOCAL_PORT=(
  [portal]=8080 [mock-slack]=8081 [load-generator]=8082
  [prometheus]=9090 [pushgateway]=9091 [alertmanager]=9093
)
# Where each answers 200 once it is ready.
declare -A LOCAL_READY_PATH=(
  [portal]=/health/readiness [mock-slack]=/health/readiness [load-generator]=/health/readiness
  [prometheus]=/-/ready [pushgateway]=/-/ready [alertmanager]=/-/ready
)
# The Spring Boot services local mode runs from their jars.
LOCAL_JAVA_SERVICES=(portal mock-slack load-generator)
# batch-sync is a job: the scheduler below runs it on its CronJob's schedule, read from this manifest.
BATCH_SYNC_CRONJOB="$REPO_ROOT/k8s/base/batch-sync.yaml"
# Services Prometheus scrapes as their own job (job = module name, as the cluster's pod discovery
# names them). prometheus, alertmanager and pushgateway have jobs in prometheus.yml already.
LOCAL_SCRAPED_SERVICES=(portal mock-slack load-generator)

PROMETHEUS_BIN="${PROMETHEUS_BIN:-prometheus}"
ALERTMANAGER_BIN="${ALERTMANAGER_BIN:-prometheus-alertmanager}"
PUSHGATEWAY_BIN="${PUSHGATEWAY_BIN:-prometheus-pushgateway}"
APT_HINT="sudo apt-get install prometheus prometheus-alertmanager prometheus-pushgateway"

log() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

local_url() { printf 'http://%s:%s' "$LOCAL_HOST" "${LOCAL_PORT[$1]}"; }

module_jar() { printf '%s/%s/target/%s-%s.jar' "$REPO_ROOT" "$1" "$1" "$VERSION"; }

# --- the Java processes: one extracted copy of each jar, with a JDK 25 AOT cache ------------------

# Small heaps and quick-start JIT: five JVM-free binaries and three services on a laptop. The AOT
# caches are trained with these same flags (docs/jvm-runtime.md).
JAVA_OPTS_LOCAL=(-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)

# The `java` on PATH as an AOT cache sees it: a cache is valid only for the JDK build it was
# trained on, so this is part of every cache's key. Asked once per script run.
jdk_identity() {
  if [[ -z "${JDK_IDENTITY:-}" ]]; then
    JDK_IDENTITY="$(java -XshowSettings:properties -version 2>&1 |
      awk -F' = ' '/^ +(java\.home|java\.vm\.version|java\.specification\.version) = / {
        sub(/^ +/, "", $1); print $1 "=" $2 }')"
  fi
  printf '%s\n' "$JDK_IDENTITY"
}

# True when the JDK makes an AOT cache in one training run (-XX:AOTCacheOutput, JEP 514: JDK 25+).
jdk_has_aot_cache() {
  local spec
  spec="$(jdk_identity | sed -n 's/^java\.specification\.version=//p')"
  [[ "$spec" =~ ^[0-9]+$ ]] && ((spec >= 25))
}

# prepare_app NAME [ENV=VALUE...]: prints the jar to run. Each app runs from its own extracted copy
# (a `make build` rewriting target/*.jar under a running JVM would make its next class load fail),
# with an AOT cache made by Spring Boot's documented training run: it starts, refreshes the context
# and exits (-Dspring.context.exit=onRefresh), binding no fixed port, sending no traffic, keeping
# no state; the ENV given are the training's extra settings. A job's runner never runs in training.
# The copy and its cache are redone only when the key changes: the jar's bytes, the JDK build or
# the JVM flags (a cache trained on another JDK or class path is refused by the JVM).
prepare_app() {
  local name="$1" jar app="$LOCAL_DIR/apps/$1" key run
  shift
  jar="$(module_jar "$name")"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1])' "$jar" 2>/dev/null ||
    die "$jar is not a readable jar (a build writing it right now?): run make local-up again"
  run="$app/run/$(basename "$jar")"
  key="$(sha256sum <"$jar" | cut -d' ' -f1)
$(jdk_identity)
flags=${JAVA_OPTS_LOCAL[*]}"
  if [[ "$(cat "$app/cache.key" 2>/dev/null)" != "$key" || ! -f "$run" ]]; then
    rm -rf "$app"
    mkdir -p "$app"
    java -Djarmode=tools -jar "$jar" extract --destination "$app/run" >/dev/null
    if jdk_has_aot_cache; then
      env SERVER_PORT=0 RATE=0 PORTAL_STATE_DIR="$app/training-state" "$@" java "${JAVA_OPTS_LOCAL[@]}" -XX:AOTCacheOutput="$app/app.aot" \
        -Dspring.context.exit=onRefresh -jar "$run" >"$LOCAL_DIR/logs/$name-aot-training.log" 2>&1 || true
      [[ -s "$app/app.aot" ]] ||
        log "$name: AOT training run made no cache (see logs/$name-aot-training.log): starting without" >&2
    else
      log "$name: this java is older than 25, no AOT cache: starting without" >&2
    fi
    printf '%s\n' "$key" >"$app/cache.key"
  fi
  printf '%s' "$run"
}

# aot_flags NAME: the flag that makes NAME's JVM use its AOT cache, when prepare_app made one.
aot_flags() {
  [[ -s "$LOCAL_DIR/apps/$1/app.aot" ]] && printf -- '-XX:AOTCache=%s' "$LOCAL_DIR/apps/$1/app.aot"
  return 0
}

# --- config rendering: the ONE source under prometheus/, addresses changed mechanically --------

# Turns every in-cluster address <service>.<namespace>.svc[.cluster.local]:<port> into
# 127.0.0.1:<port>. The host ports of local mode equal the cluster's service ports.
localize_addresses() {
  sed -E "s#[a-z0-9-]+\.[a-z0-9-]+\.svc(\.cluster\.local)?:([0-9]+)#${LOCAL_HOST}:\2#g"
}

# The static scrape jobs that stand in for the cluster's pod discovery, one per local service.
local_scrape_jobs() {
  local name
  printf '  # --- local services: generated by scripts/lib-local.sh (local_scrape_jobs) ---\n'
  for name in "${LOCAL_SCRAPED_SERVICES[@]}"; do
    printf '  - job_name: %s\n    static_configs:\n      - targets: [%s:%s]\n' \
      "$name" "$LOCAL_HOST" "${LOCAL_PORT[$name]}"
  done
}

# render_local_config OUT_DIR: writes OUT_DIR/prometheus/prometheus.yml and
# OUT_DIR/alertmanager/alertmanager.yml, each beside a link to the same rules/ or templates/
# directory the cluster mounts, so relative paths in the configs resolve to the repository files.
render_local_config() {
  local out="$1" begin="cluster-only discovery: begin" end="cluster-only discovery: end"
  mkdir -p "$out/prometheus" "$out/alertmanager"
  grep -q "$begin" "$REPO_ROOT/prometheus/prometheus.yml" || die "marker '$begin' missing in prometheus/prometheus.yml"
  awk -v begin="$begin" -v end="$end" -v jobs="$(local_scrape_jobs)" '
    index($0, begin) { print jobs; skipping = 1; next }
    index($0, end)   { skipping = 0; next }
    !skipping        { print }
  ' "$REPO_ROOT/prometheus/prometheus.yml" | localize_addresses >"$out/prometheus/prometheus.yml"
  localize_addresses <"$REPO_ROOT/prometheus/alertmanager.yml" >"$out/alertmanager/alertmanager.yml"
  ln -sfn "$REPO_ROOT/prometheus/rules" "$out/prometheus/rules"
  ln -sfn "$REPO_ROOT/prometheus/templates" "$out/alertmanager/templates"
  if grep -nE '^[^#]*\.svc(\.cluster\.local)?[:/]' "$out/prometheus/prometheus.yml" "$out/alertmanager/alertmanager.yml"; then
    die "an in-cluster address survived rendering (above)"
  fi
}

# --- process bookkeeping: stop exactly what we started ----------------------------------------

pid_file() { printf '%s/pids/%s.pid' "$LOCAL_DIR" "$1"; }

# The kernel's start time of a process (field 22 of /proc/PID/stat): with the PID it identifies
# one process for good, so a recycled PID is never mistaken for ours.
process_start_time() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }" # drop "pid (comm) ", the command may contain spaces
  # shellcheck disable=SC2086 # split the fields on purpose
  set -- $stat
  printf '%s' "${20}"
}

# Prints the PID of service $1 if the process local-up recorded is still that same process.
running_pid() {
  local file pid started now
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  read -r pid started <"$file" || return 1
  now="$(process_start_time "$pid")" || return 1
  [[ "$now" == "$started" ]] || return 1
  printf '%s' "$pid"
}

record_pid() {
  local started
  started="$(process_start_time "$2")" || die "$1 exited at once (log: $LOCAL_DIR/logs/$1.log)"
  mkdir -p "$LOCAL_DIR/pids"
  printf '%s %s\n' "$2" "$started" >"$(pid_file "$1")"
}

# stop_service NAME: TERM, a bounded wait for a graceful exit, then KILL. Only a recorded PID.
stop_service() {
  local name="$1" pid waited=0
  if pid="$(running_pid "$name")"; then
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((waited < 150)); do
      sleep 0.2
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "  $name (pid $pid) ignored TERM for 30s: KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "  stopped $name (pid $pid)"
  fi
  rm -f "$(pid_file "$name")"
}

# start NAME COMMAND...: runs COMMAND in the background, output in logs/NAME.log, PID recorded.
start() {
  local name="$1"
  shift
  mkdir -p "$LOCAL_DIR/logs"
  nohup "$@" >"$LOCAL_DIR/logs/$name.log" 2>&1 &
  record_pid "$name" "$!"
}

# Alertmanager with the rendered config, its data under .local/alertmanager/data.
#
# Its notification log (the file nflog there) records, per alert group, what was last sent; with it,
# Alertmanager does not re-send a firing notification it believes it sent until repeat_interval
# (4h) has passed. A stack stopped during an incident (make local-down, a reboot, a kill) never sent
# the resolved message, so the next stack would swallow the same alert's page for hours. Each start
# therefore begins with an empty log: an alert still firing is announced again (a repeat is
# harmless, a lost page is not). Silences, in the same directory, are kept.
# Letting local-down wait for resolved notifications instead would not do: they would tell the
# channel an incident is over that is not, and nothing flushes them on a crash or reboot.
start_alertmanager() {
  mkdir -p "$LOCAL_DIR/alertmanager/data"
  rm -f "$LOCAL_DIR/alertmanager/data/nflog"
  start alertmanager "$ALERTMANAGER_BIN" \
    --config.file="$LOCAL_DIR/alertmanager/alertmanager.yml" \
    --storage.path="$LOCAL_DIR/alertmanager/data" \
    --web.listen-address="$LOCAL_HOST:${LOCAL_PORT[alertmanager]}" \
    --web.external-url="$(local_url alertmanager)" \
    --cluster.listen-address=
}

# batch-sync on the schedule of its CronJob (scripts/local-schedule.py reads it from the manifest),
# from its own copy of the jar (a build may rewrite target/*.jar meanwhile), against the local
# portal and Pushgateway; each run's output is appended to logs/batch-sync.log. It also runs once at
# start: the local Pushgateway keeps the last run's metrics across local-down/local-up, and a stack
# that was down for over 15 minutes would otherwise raise BatchSyncStale until the first slot.
start_batch_sync_schedule() {
  local run
  mkdir -p "$LOCAL_DIR/apps" "$LOCAL_DIR/logs"
  : >"$LOCAL_DIR/logs/batch-sync.log"
  # Every run is a fresh JVM: the AOT cache pays on each one (docs/jvm-runtime.md). The training
  # gets addresses where nothing listens: the sync never runs in training, but closing the context
  # pushes metrics, and a training run must not look like a run to the local Pushgateway.
  run="$(prepare_app batch-sync PORTAL_URL=http://127.0.0.1:9 PUSHGATEWAY_URL=http://127.0.0.1:9)"
  # shellcheck disable=SC2046 # aot_flags prints zero or one flag, split on purpose
  start batch-sync-schedule python3 "$REPO_ROOT/scripts/local-schedule.py" \
    --cronjob "$BATCH_SYNC_CRONJOB" --run-now --run-log "$LOCAL_DIR/logs/batch-sync.log" -- \
    env PORTAL_URL="$(local_url portal)" PUSHGATEWAY_URL="$(local_url pushgateway)" \
    java "${JAVA_OPTS_LOCAL[@]}" $(aot_flags batch-sync) -jar "$run"
}

# True when something answers TCP on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/$LOCAL_HOST/$1") 2>/dev/null; }

# What local mode needs from the machine, as local-up checks it and drill-local skips on (each prints
# nothing when all is there): the commands not on PATH, and the ports someone already holds.
missing_commands() {
  local bin absent=()
  for bin in java curl python3 "$PROMETHEUS_BIN" "$ALERTMANAGER_BIN" "$PUSHGATEWAY_BIN"; do
    command -v "$bin" >/dev/null 2>&1 || absent+=("$bin")
  done
  printf '%s' "${absent[*]}"
}
taken_ports() {
  local name busy=()
  for name in "${LOCAL_SERVICES[@]}"; do
    port_in_use "${LOCAL_PORT[$name]}" && busy+=("${LOCAL_PORT[$name]} ($name)")
  done
  printf '%s' "${busy[*]}"
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

# wait_ready NAME TIMEOUT_SECONDS: until its readiness URL answers 200, or it dies, or time is up.
wait_ready() {
  local name="$1" deadline=$((SECONDS + $2)) url
  url="$(local_url "$name")${LOCAL_READY_PATH[$name]}"
  while ((SECONDS < deadline)); do
    http_ok "$url" && return 0
    running_pid "$name" >/dev/null || {
      log "$name exited before it was ready; last lines of $LOCAL_DIR/logs/$name.log:" >&2
      tail -n 30 "$LOCAL_DIR/logs/$name.log" >&2 || true
      return 1
    }
    sleep 0.5
  done
  log "$name not ready at $url after $2s; last lines of $LOCAL_DIR/logs/$name.log:" >&2
  tail -n 30 "$LOCAL_DIR/logs/$name.log" >&2 || true
  return 1
}

# JSON helper without jq (python3 is a prerequisite): json_get EXPR reads stdin as `d`.
json_get() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# --- history: the SLO's long windows need a service that has been running -------------------------

# seed_history DATA_DIR: 30 days of a healthy portal's request counts into a still empty Prometheus
# data directory, as the cluster's init container does (prometheus/history/seed-history.sh says
# why). LOCAL_HISTORY_DAYS (default 30; 0 = none) and LOCAL_HISTORY_RATE (default 5 requests/s).
seed_history() {
  command -v promtool >/dev/null || die "promtool is missing (it comes with Prometheus: $APT_HINT)"
  HISTORY_DAYS="${LOCAL_HISTORY_DAYS:-30}" HISTORY_RATE="${LOCAL_HISTORY_RATE:-5}" \
    sh "$REPO_ROOT/prometheus/history/seed-history.sh" "$1" >/dev/null ||
    die "could not seed $1 with history (LOCAL_HISTORY_DAYS=0 starts without it)"
}
