#!/usr/bin/env bash
# make local-up: the playground as plain processes on 127.0.0.1, watched by a real Prometheus and
# Alertmanager with the same rules and routes as the cluster (docs/monitoring.md, "Local mode").
#
# It refuses, changing nothing, when a binary is missing, a port is taken or a stack is already
# up. Then it builds the jars that are missing or older than their sources, renders the configs,
# starts everything, waits until each part is ready, and prints the URLs and the admin token.
# Anything that fails to start brings down what this run started.
set -euo pipefail
# shellcheck source=scripts/lib-local.sh
source "$(dirname "$0")/lib-local.sh"
cd "$REPO_ROOT"

READY_TIMEOUT="${LOCAL_READY_TIMEOUT:-120}"

# --- refuse early, before touching anything -----------------------------------------------------
missing="$(missing_commands)"
if [[ -n "$missing" ]]; then
  die "not found on PATH: $missing
  install (Debian/Ubuntu): $APT_HINT
  (java: a JDK 25 or newer; curl and python3 from your package manager). Nothing was started."
fi
jdk_use || die "no JDK 25 (above). Nothing was started."

for name in "${LOCAL_SERVICES[@]}" batch-sync-schedule; do
  if pid="$(running_pid "$name")"; then
    die "the local stack is already running ($name is pid $pid): use 'make local-status', or 'make local-down' first"
  fi
done

taken="$(taken_ports)"
if [[ -n "$taken" ]]; then
  die "port(s) already in use on $LOCAL_HOST: $taken
  local mode needs these fixed ports; stop what holds them (e.g. 'ss -ltnp' shows it; a cluster's
  'make port-forward' uses the same ports). Nothing was started."
fi

# --- build what is missing or stale -------------------------------------------------------------
# Spring Boot stamps jars with the reproducible-build time, so a jar's mtime says nothing: local-up
# keeps its own stamp per module, touched after each build it runs.
stale=()
for module in "${LOCAL_JAVA_SERVICES[@]}" batch-sync; do
  stamp="$LOCAL_DIR/build/$module.stamp"
  if [[ ! -f "$(module_jar "$module")" || ! -f "$stamp" ]] ||
    [[ -n "$(find "$module/src/main" "$module/pom.xml" pom.xml -newer "$stamp" -print -quit 2>/dev/null)" ]]; then
    stale+=("$module")
  fi
done
if ((${#stale[@]})); then
  modules="$(IFS=,; printf '%s' "${stale[*]}")"
  log "== building $modules (jar missing, or sources changed since local-up last built it)"
  ./mvnw -B -q -ntp -pl "$modules" -am package -DskipTests
  mkdir -p "$LOCAL_DIR/build"
  for module in "${stale[@]}"; do touch "$LOCAL_DIR/build/$module.stamp"; done
fi

# --- start --------------------------------------------------------------------------------------
# LOCAL_FRESH_DATA=true (the drill) starts Prometheus and Alertmanager without the data of earlier
# runs; by default their history is kept across local-down/local-up.
if [[ "${LOCAL_FRESH_DATA:-false}" == true ]]; then
  rm -rf "$LOCAL_DIR/prometheus/data" "$LOCAL_DIR/alertmanager/data" "$LOCAL_DIR/pushgateway.data"
fi
mkdir -p "$LOCAL_DIR/logs" "$LOCAL_DIR/pids" "$LOCAL_DIR/apps" "$LOCAL_DIR/portal-state" \
  "$LOCAL_DIR/prometheus/data" "$LOCAL_DIR/alertmanager/data"
render_local_config "$LOCAL_DIR" >/dev/null
log "== seeding Prometheus with ${LOCAL_HISTORY_DAYS:-30} days of a healthy portal's history (when its data is empty)"
seed_history "$LOCAL_DIR/prometheus/data"

# A fresh admin token per local-up, readable only by this user.
token="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"

started_ok=false
cleanup_on_failure() {
  if [[ "$started_ok" != true ]]; then
    log "local-up failed: stopping what it started" >&2
    "$REPO_ROOT/scripts/local-down.sh" >&2 || true
  fi
}
trap cleanup_on_failure EXIT

start_java() {
  local name="$1" app
  shift
  app="$(prepare_app "$name")"
  # env VAR=... java: the services read their settings from these variables (docs/<service>.md).
  # shellcheck disable=SC2046 # aot_flags prints zero or one flag, split on purpose
  start "$name" env SERVER_ADDRESS="$LOCAL_HOST" SERVER_PORT="${LOCAL_PORT[$name]}" "$@" \
    java "${JAVA_OPTS_LOCAL[@]}" $(aot_flags "$name") -jar "$app"
}

# Asked once here, not in each prepare_app's subshell: part of every AOT cache's key.
JDK_IDENTITY="$(jdk_identity)"
log "== starting the local stack (logs: $LOCAL_DIR/logs/)"
# An explicit persistence file: Debian's pushgateway otherwise shares one machine-wide data file.
start pushgateway "$PUSHGATEWAY_BIN" --web.listen-address="$LOCAL_HOST:${LOCAL_PORT[pushgateway]}" \
  --persistence.file="$LOCAL_DIR/pushgateway.data"
# Alertmanager starts right after; mock-slack reaches it only when a Silence/Expire is clicked
# (and its silence sync retries every 15s), so the order does not matter.
start_java mock-slack MOCKSLACK_ALERTMANAGER_URL="$(local_url alertmanager)"
# With no notification log of an earlier stack: a page must never be swallowed (lib-local.sh).
start_alertmanager
start_java portal PORTAL_ADMIN_TOKEN="$token" PORTAL_STATE_DIR="$LOCAL_DIR/portal-state"
start_java load-generator TARGET_URL="$(local_url portal)" LOADGEN_ADMIN_TOKEN="$token"
# resend-delay 1s: the first evaluations run before the notifier has found Alertmanager; with the
# default 1m the first notification would wait a minute. --web.enable-lifecycle
# lets `make local-reload` apply edited rules without a restart.
start prometheus "$PROMETHEUS_BIN" \
  --config.file="$LOCAL_DIR/prometheus/prometheus.yml" \
  --storage.tsdb.path="$LOCAL_DIR/prometheus/data" \
  --storage.tsdb.retention.time=31d \
  --web.listen-address="$LOCAL_HOST:${LOCAL_PORT[prometheus]}" \
  --web.external-url="$(local_url prometheus)" \
  --web.enable-lifecycle \
  --rules.alert.resend-delay=1s

for name in "${LOCAL_SERVICES[@]}"; do
  wait_ready "$name" "$READY_TIMEOUT" || die "$name did not become ready"
  log "  ready: $name $(local_url "$name")"
done

start_batch_sync_schedule
log "  started: batch-sync on its CronJob's schedule ($(python3 scripts/local-schedule.py --cronjob "$BATCH_SYNC_CRONJOB" --print-schedule), UTC; log: $LOCAL_DIR/logs/batch-sync.log)"

umask 077
cat >"$LOCAL_DIR/env" <<ENV
# Written by make local-up; source it to talk to the local stack.
PORTAL_URL=$(local_url portal)
MOCK_SLACK_URL=$(local_url mock-slack)
LOADGEN_URL=$(local_url load-generator)
PROMETHEUS_URL=$(local_url prometheus)
ALERTMANAGER_URL=$(local_url alertmanager)
PUSHGATEWAY_URL=$(local_url pushgateway)
PORTAL_ADMIN_TOKEN=$token
LOADGEN_ADMIN_TOKEN=$token
ENV
started_ok=true

cat <<DONE

Local stack is up (state, logs and PIDs under $LOCAL_DIR/):
  portal          $(local_url portal)/
  mock-slack      $(local_url mock-slack)/          (alerts land in #alerts-critical and #alerts)
  load-generator  $(local_url load-generator)/metrics
  prometheus      $(local_url prometheus)/alerts
  alertmanager    $(local_url alertmanager)/
  pushgateway     $(local_url pushgateway)/
  batch-sync      once now, then on its CronJob's schedule (logs/batch-sync.log)

Admin token of the portal and the load-generator (also in $LOCAL_DIR/env): $token
Break the portal:  curl -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \\
                     -d '{"failureRate":0.5}' $(local_url portal)/admin/chaos
Heal it:           curl -X POST -H "Authorization: Bearer $token" $(local_url portal)/admin/chaos/reset
PortalHighErrorRate reaches mock-slack 140–160 s after the break. Stop: make local-down
DONE
