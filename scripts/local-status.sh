#!/usr/bin/env bash
# make local-status: each part of the local stack, its PID (if local-up started it and it still
# runs) and whether it answers its readiness check; then Prometheus' targets and firing alerts.
# Exit status 0 only when every part is up and ready.
set -euo pipefail
# shellcheck source=scripts/lib-local.sh
source "$(dirname "$0")/lib-local.sh"

all_up=true
printf '%-15s %-8s %-7s %s\n' SERVICE PID READY URL
for name in "${LOCAL_SERVICES[@]}"; do
  pid="$(running_pid "$name" || printf -- '-')"
  url="$(local_url "$name")"
  if http_ok "$url${LOCAL_READY_PATH[$name]}"; then ready=yes; else ready=no; all_up=false; fi
  [[ "$pid" == "-" ]] && all_up=false
  printf '%-15s %-8s %-7s %s\n' "$name" "$pid" "$ready" "$url"
done

# The batch-sync scheduler has no port: its PID and its next slot (from its log).
pid="$(running_pid batch-sync-schedule || printf -- '-')"
[[ "$pid" == "-" ]] && all_up=false
next="$(sed -n 's/.* event=next at=//p' "$LOCAL_DIR/logs/batch-sync-schedule.log" 2>/dev/null | tail -n 1)"
printf '%-15s %-8s %-7s %s\n' batch-sync "$pid" - "next run ${next:-unknown} (logs/batch-sync.log)"

prom="$(local_url prometheus)"
if running_pid prometheus >/dev/null && http_ok "$prom/-/ready"; then
  printf '\nPrometheus targets:\n'
  curl -fsS --max-time 5 "$prom/api/v1/targets?state=active" | json_get \
    "'\n'.join('  %-15s %-22s %s%s' % (t['labels']['job'], t['labels']['instance'], t['health'], ('  ' + t['lastError']) if t['lastError'] else '') for t in d['data']['activeTargets'])"
  printf '\nFiring alerts (Watchdog always fires):\n'
  curl -fsS --max-time 5 "$prom/api/v1/alerts" | json_get \
    "'\n'.join('  %-22s %-8s %-7s %s' % (a['labels']['alertname'], a['state'], a['labels'].get('severity', ''), a['labels'].get('service', '')) for a in d['data']['alerts']) or '  (none)'"
fi
[[ "$all_up" == true ]]
