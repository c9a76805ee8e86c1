#!/usr/bin/env bash
# make drill-local (part of make test): every local-mode drill on a real local stack.
#   1. Checks the machine: a missing binary or a port held by something other than our local stack
#      skips with the reason (exit 0), or fails when CI=true.
#   2. local-up with fresh data unless our local stack already runs (then it is used and kept).
#   3. make drill MODE=local over every scenario (drills/*.yaml; not-applicable ones are listed), or
#      over SCENARIO alone (bench/run-all.sh runs errors);
#      then every Grafana panel query against this Prometheus.
#   4. local-down if it started the stack, also when a step fails; logs (.local/logs/) and the
#      report card (.local/drills/<time>/) stay for a look.
set -euo pipefail
# shellcheck source=scripts/lib-local.sh
source "$(dirname "$0")/lib-local.sh"
cd "$REPO_ROOT"

fail() {
  printf '\nDRILL FAILED: %s\n' "$*" >&2
  exit 1
}

ours_running() {
  local name
  for name in "${LOCAL_SERVICES[@]}"; do
    running_pid "$name" >/dev/null || return 1
  done
}

started=false
if ! ours_running; then
  missing="$(missing_commands)"
  taken="$(taken_ports)"
  if [[ -n "$missing$taken" ]]; then
    reason="${missing:+not found on PATH: $missing (install: $APT_HINT)}"
    reason+="${missing:+${taken:+; }}${taken:+port(s) in use on $LOCAL_HOST: $taken}"
    if [[ "${CI:-}" == true ]]; then
      printf '\nDRILL FAILED: CI=true and %s\n' "$reason" >&2
      exit 1
    fi
    printf '\ndrill-local: SKIPPED: %s\n' "$reason" >&2
    exit 0
  fi
  printf '\n== drill-local: local-up (fresh data: the SLO windows must not see an earlier run)\n'
  LOCAL_FRESH_DATA=true scripts/local-up.sh || fail "local-up did not start the stack (above)"
  started=true
fi

finish() {
  local status=$?
  if [[ "$started" == true ]]; then
    scripts/local-down.sh || true
  fi
  if ((status == 0)); then
    printf '\ndrill-local: PASSED\n'
  else
    printf '\ndrill-local: FAILED (exit %s); logs in %s/logs/, report cards in %s/drills/\n' \
      "$status" "$LOCAL_DIR" "$LOCAL_DIR" >&2
  fi
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

printf '\n== drill-local: every local-mode drill\n'
scenario="${SCENARIO:-}"
[[ "$scenario" != all ]] || scenario=""
MODE=local SCENARIO="$scenario" scripts/drill.sh || fail "the drill failed (its report card is above)"

if [[ -f scripts/check-dashboard-queries.sh ]]; then
  printf '\n== drill-local: every Grafana panel query against this Prometheus\n'
  bash scripts/check-dashboard-queries.sh "$(local_url prometheus)" || fail "dashboard queries failed (above)"
fi
