#!/usr/bin/env bash
# make e2e-local: the alerting drill on the real local stack (docs/monitoring.md).
#   1. local-up; every Prometheus target is up and the Watchdog reaches Alertmanager; batch-sync,
#      run by local-up's scheduler (its CronJob's schedule, and once at start), pushed its metrics
#      through the Pushgateway to Prometheus.
#   2. Break the portal (failure rate 0.5 through its admin API); PortalHighErrorRate must arrive
#      in mock-slack, in the channel its severity routes to, through Alertmanager's Slack notifier;
#      reset the portal; the resolved message must follow.
#   3. Every Grafana panel query runs against this Prometheus (scripts/check-dashboard-queries.sh).
#   4. Print time-to-detect and time-to-resolve beside the floors the configuration implies
#      (docs/monitoring.md) and fail if detection is more than 30s over its floor.
#   5. local-down, also when a step fails.
# Before step 1 it checks the machine: a missing binary or a taken port skips the drill with the
# reason (exit 0), or fails it when CI=true.
# Every wait is bounded; any failed assertion ends the drill with a non-zero status.
set -euo pipefail
# shellcheck source=scripts/lib-local.sh
source "$(dirname "$0")/lib-local.sh"
cd "$REPO_ROOT"

ALERT=PortalHighErrorRate
BREAK_FAILURE_RATE=0.5
DETECT_SLACK_SECONDS="${E2E_DETECT_SLACK_SECONDS:-30}"

PROM="$(local_url prometheus)"
AM="$(local_url alertmanager)"
SLACK="$(local_url mock-slack)"
PORTAL="$(local_url portal)"

step() { printf '\n== e2e-local step %s\n' "$*"; }
now() { date +%s.%N; }

# On failure: show what each part saw, so the reason is in the CI log.
diagnose() {
  printf '\n-- diagnosis\n' >&2
  {
    printf 'Prometheus alerts:\n'
    curl -fsS --max-time 5 "$PROM/api/v1/alerts" || true
    printf '\nAlertmanager alerts:\n'
    curl -fsS --max-time 5 "$AM/api/v2/alerts" || true
    printf '\nmock-slack channels:\n'
    curl -fsS --max-time 5 "$SLACK/api/channels" || true
    printf '\n'
    for name in "${LOCAL_SERVICES[@]}" batch-sync-schedule batch-sync; do
      [[ -f "$LOCAL_DIR/logs/$name.log" ]] || continue
      printf -- '--- last lines of %s.log\n' "$name"
      tail -n 15 "$LOCAL_DIR/logs/$name.log"
    done
  } >&2
}

fail() {
  printf '\nE2E FAILED: %s\n' "$*" >&2
  diagnose
  exit 1
}

# until_true TIMEOUT DESCRIPTION COMMAND...: polls COMMAND every second until it succeeds.
until_true() {
  local timeout="$1" what="$2" deadline
  shift 2
  deadline=$((SECONDS + timeout))
  until "$@"; do
    ((SECONDS < deadline)) || fail "$what: not within ${timeout}s"
    sleep 1
  done
}

prom_query() { # prom_query PROMQL -> the JSON result list
  curl -fsS --max-time 5 "$PROM/api/v1/query" --data-urlencode "query=$1" | json_get "json.dumps(d['data']['result'])"
}

# --- 0. can a local stack run here? -----------------------------------------------------------
# `make test` runs this drill. On a developer's machine that lacks the monitoring binaries, or
# whose ports are held (e.g. by the k3d demo's `make port-forward`, or a running local stack), it
# skips and says why, as the tests whose tool is missing do; with CI=true (.ci/run installs
# everything on a machine of its own) the same is a failure.
missing="$(missing_commands)"
taken="$(taken_ports)"
if [[ -n "$missing$taken" ]]; then
  reason="${missing:+not found on PATH: $missing (install: $APT_HINT)}"
  reason+="${missing:+${taken:+; }}${taken:+port(s) in use on $LOCAL_HOST: $taken}"
  if [[ "${CI:-}" == true ]]; then
    printf '\nE2E FAILED: CI=true and %s\n' "$reason" >&2
    exit 1
  fi
  printf '\ne2e-local: SKIPPED: %s\n' "$reason" >&2
  exit 0
fi

# --- 1. the stack ----------------------------------------------------------------------------
step "1: local-up, every target up"
# local-up refuses (and starts nothing) when a stack or anything else holds the ports; only once
# it succeeded does the drill own the stack and tear it down on every exit path. Fresh data: the
# SLO windows must not see the errors of an earlier drill.
stack_started="$(date +%s)"
LOCAL_FRESH_DATA=true scripts/local-up.sh || { printf '\nE2E FAILED: step 1: local-up did not start the stack (above)\n' >&2; exit 1; }
result=failed
finish() {
  local status=$?
  scripts/local-down.sh || true
  if ((status == 0)) && [[ "$result" == passed ]]; then
    printf '\ne2e-local: PASSED\n'
  else
    printf '\ne2e-local: FAILED (exit %s)\n' "$status" >&2
    ((status != 0)) || status=1
  fi
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

expected_jobs="alertmanager,load-generator,mock-slack,portal,prometheus,pushgateway"
all_targets_up() {
  curl -fsS --max-time 5 "$PROM/api/v1/targets?state=active" | json_get \
    "','.join(sorted(t['labels']['job'] for t in d['data']['activeTargets'] if t['health'] == 'up'))" \
    | grep -qx "$expected_jobs"
}
until_true 60 "every Prometheus target up ($expected_jobs)" all_targets_up
log "targets up: $expected_jobs"

watchdog_in_alertmanager() {
  curl -fsS --max-time 5 "$AM/api/v2/alerts" | json_get "any(a['labels']['alertname'] == 'Watchdog' for a in d)" | grep -qx True
}
until_true 60 "Watchdog reaching Alertmanager (Prometheus -> Alertmanager path)" watchdog_in_alertmanager
log "Watchdog is in Alertmanager: rules are evaluated and alerts delivered"

portal_has_traffic() {
  prom_query 'sum(rate(http_server_requests_seconds_count{job="portal", uri=~"/api(/.*)?"}[1m])) > 0' | json_get "len(d) > 0" | grep -qx True
}
until_true 90 "load-generator traffic visible in the portal's metrics" portal_has_traffic

# batch-sync as local mode runs it: local-up's scheduler (its CronJob's schedule, and once at
# start). That run's pushed metrics must reach Prometheus through the Pushgateway, before the break.
batch_run_in_prometheus() {
  prom_query "batch_sync_last_run_timestamp_seconds{job=\"batch-sync\"} >= $stack_started" | json_get "len(d) == 1" | grep -qx True
}
until_true 120 "step 1: the scheduled batch-sync run of this stack in Prometheus (logs: batch-sync-schedule.log, batch-sync.log)" batch_run_in_prometheus
for metric in batch_sync_last_run_success batch_sync_records_processed_total batch_sync_last_success_timestamp_seconds; do
  [[ "$(prom_query "$metric{job=\"batch-sync\"}" | json_get "len(d)")" -ge 1 ]] || fail "step 1: $metric{job=\"batch-sync\"} missing in Prometheus"
done
[[ "$(prom_query 'batch_sync_last_run_success{job="batch-sync"}' | json_get "d[0]['value'][1]")" == 1 ]] ||
  fail "step 1: batch_sync_last_run_success is not 1 after a run against a healthy portal"
log "local-up's batch-sync schedule ran it: metrics in Prometheus with job=\"batch-sync\" (honor_labels kept the pushed job)"

# first_duration REGEX: the first duration (10s, 1m, 2h) that REGEX captures on stdin, in seconds.
first_duration() {
  python3 -c '
import re, sys
match = re.search(sys.argv[1], sys.stdin.read())
if not match:
    sys.exit("no duration matching " + sys.argv[1])
print(int(match.group(1)) * {"s": 1, "m": 60, "h": 3600}[match.group(2)])' "$1"
}

# The alert's severity, `for`, window and threshold as Prometheus loaded them, and the intervals of
# the running configs: the drill checks the configuration, it does not repeat it.
rule_json="$(curl -fsS --max-time 5 "$PROM/api/v1/rules?type=alert" | json_get \
  "json.dumps(next(r for g in d['data']['groups'] for r in g['rules'] if r['name'] == '$ALERT'))")"
severity="$(json_get "d['labels']['severity']" <<<"$rule_json")"
for_seconds="$(json_get "int(d['duration'])" <<<"$rule_json")"
query="$(json_get "d['query']" <<<"$rule_json")"
window_seconds="$(first_duration '\[(\d+)([smh])\]' <<<"$query")"
threshold="$(python3 -c 'import re, sys; print(re.search(r">\s*([0-9.]+)\s*$", sys.argv[1].strip()).group(1))' "$query")"
case "$severity" in
  page) channel="#alerts-critical" other="#alerts" ;;
  ticket) channel="#alerts" other="#alerts-critical" ;;
  *) fail "step 1: $ALERT has severity '$severity', expected page or ticket" ;;
esac
prometheus_yaml="$(curl -fsS --max-time 5 "$PROM/api/v1/status/config" | json_get "d['data']['yaml']")"
alertmanager_yaml="$(curl -fsS --max-time 5 "$AM/api/v2/status" | json_get "d['config']['original']")"
scrape_seconds="$(first_duration 'scrape_interval:\s*(\d+)([smh])' <<<"$prometheus_yaml")"
eval_seconds="$(first_duration 'evaluation_interval:\s*(\d+)([smh])' <<<"$prometheus_yaml")"
group_wait="$(first_duration 'group_wait:\s*(\d+)([smh])' <<<"$alertmanager_yaml")"
group_interval="$(first_duration 'group_interval:\s*(\d+)([smh])' <<<"$alertmanager_yaml")"

# Bounds (docs/monitoring.md). Detection: a scrape must see the errors and an evaluation the ratio
# (each at most one interval late), then the alert must hold for `for`, then Alertmanager may wait
# group_wait: the configuration's floor is for + scrape + evaluation + group_wait. The fastest
# possible is for + one scrape + group_wait: the 503 series is new, rate() needs its second sample,
# and Prometheus sends startsAt = when the alert fired, so Alertmanager's group_wait runs in full
# (docs/monitoring.md, prometheus/tests/timings-detect.test.yml).
# Resolution: the errors must drain out of the rate window until the ratio is under the threshold,
# then a scrape, an evaluation and the group's next flush (group_interval) may each add up to one
# interval.
detect_min=$((for_seconds + scrape_seconds + group_wait))
detect_floor=$((for_seconds + scrape_seconds + eval_seconds + group_wait))
drain_seconds="$(python3 -c "print(round($window_seconds * (1 - $threshold / $BREAK_FAILURE_RATE)))")"
resolve_floor=$((drain_seconds + scrape_seconds + eval_seconds + group_interval))

# --- 2. break, detect, reset, resolve ----------------------------------------------------------
step "2: break the portal (failure rate $BREAK_FAILURE_RATE), expect $ALERT ($severity) in $channel"
curl -fsS --max-time 5 -X DELETE "$SLACK/api/messages" >/dev/null || fail "step 2: cannot clear mock-slack's history"
token="$(sed -n 's/^PORTAL_ADMIN_TOKEN=//p' "$LOCAL_DIR/env")"
admin() { # admin METHOD PATH [JSON]
  curl -fsS --max-time 5 -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$PORTAL$2" >/dev/null
}

# message_arrival CHANNEL STATUS: when (epoch seconds) the newest message for $ALERT with that
# status reached mock-slack's CHANNEL; empty when there is none.
message_arrival() {
  curl -fsS --max-time 5 -G "$SLACK/api/messages" --data-urlencode "channel=$1" \
    --data-urlencode "status=$2" --data-urlencode "limit=100" | python3 -c '
import datetime, json, sys
for message in json.load(sys.stdin)["messages"]:  # newest first
    if message["alertname"] == sys.argv[1]:
        print(datetime.datetime.fromisoformat(message["receivedAt"].replace("Z", "+00:00")).timestamp())
        break' "$ALERT"
}
arrived() { [[ -n "$(message_arrival "$1" "$2")" ]]; }

t_break="$(now)"
admin PUT /admin/chaos "{\"failureRate\": $BREAK_FAILURE_RATE}" || fail "step 2: PUT /admin/chaos refused (token in $LOCAL_DIR/env)"
log "portal broken at $(date -u +%T); detection floor ${detect_floor}s, waiting up to $((detect_floor + 150))s"
until_true $((detect_floor + 150)) "step 2: $ALERT firing message in $channel" arrived "$channel" firing
t_detected="$(message_arrival "$channel" firing)"

firing_text="$(curl -fsS --max-time 5 -G "$SLACK/api/messages" --data-urlencode "channel=$channel" --data-urlencode "status=firing" | json_get \
  "next(json.dumps(m) for m in d['messages'] if m['alertname'] == '$ALERT')")"
for expected in "docs/runbooks/$ALERT.md" "Summary:" "Description:" "severity *$severity*" "service *portal*"; do
  grep -qF -- "$expected" <<<"$firing_text" || fail "step 2: the firing message lacks '$expected': $firing_text"
done
[[ "$(json_get "d['severity']" <<<"$firing_text")" == "$severity" ]] || fail "step 2: mock-slack did not read severity $severity from the message"
if arrived "$other" firing; then
  fail "step 2: $ALERT also arrived in $other; severity $severity routes only to $channel"
fi
log "firing message arrived in $channel with summary, description, severity and runbook link"

t_reset="$(now)"
admin POST /admin/chaos/reset || fail "step 2: POST /admin/chaos/reset refused"
log "portal reset at $(date -u +%T); resolution floor ${resolve_floor}s, waiting up to $((resolve_floor + 150))s"
until_true $((resolve_floor + 150)) "step 2: $ALERT resolved message in $channel" arrived "$channel" resolved
t_resolved="$(message_arrival "$channel" resolved)"
log "resolved message arrived in $channel"

failed_notifications="$(curl -fsS --max-time 5 "$AM/metrics" | awk '/^alertmanager_notifications_failed_total\{integration="slack"\}/ { print $2 }')"
[[ "${failed_notifications:-0}" == 0 ]] || fail "step 2: Alertmanager counted $failed_notifications failed Slack deliveries"

if [[ -x scripts/check-dashboard-queries.sh ]]; then
  step "3: every Grafana panel query against this Prometheus"
  scripts/check-dashboard-queries.sh "$PROM" || fail "step 3: dashboard queries failed (above)"
elif [[ -f scripts/check-dashboard-queries.sh ]]; then
  step "3: every Grafana panel query against this Prometheus"
  bash scripts/check-dashboard-queries.sh "$PROM" || fail "step 3: dashboard queries failed (above)"
fi

# --- 4. the numbers ------------------------------------------------------------------------------
step "4: detection and resolution times"
ttd="$(python3 -c "print(round($t_detected - $t_break, 1))")"
ttr="$(python3 -c "print(round($t_resolved - $t_reset, 1))")"
printf '  %s: for %ss, rate window %ss, threshold %s; scrape %ss, evaluation %ss; group_wait %ss, group_interval %ss\n\n' \
  "$ALERT" "$for_seconds" "$window_seconds" "$threshold" "$scrape_seconds" "$eval_seconds" "$group_wait" "$group_interval"
printf '  %-16s %9s %10s %8s %9s\n' "" measured fastest floor target
printf '  %-16s %8ss %9ss %7ss %8s\n' time-to-detect "$ttd" "$detect_min" "$detect_floor" "<=$((detect_floor + DETECT_SLACK_SECONDS))s"
printf '  %-16s %8ss %9ss %7ss %8s\n' time-to-resolve "$ttr" "$drain_seconds" "$resolve_floor" "-"
printf '\n  detect floor  = for + scrape + evaluation + group_wait (fastest: for + scrape + group_wait; the new 503 series needs two scrapes)\n'
printf '  resolve floor = window drain %ss (window x (1 - threshold / failure rate)) + scrape + evaluation + group_interval\n' "$drain_seconds"
python3 -c "import sys; sys.exit(0 if $ttd <= $detect_floor + $DETECT_SLACK_SECONDS else 1)" ||
  fail "step 4: time-to-detect ${ttd}s is over the floor ${detect_floor}s + ${DETECT_SLACK_SECONDS}s"

result=passed
# 5. local-down runs from the EXIT trap.
