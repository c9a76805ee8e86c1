#!/usr/bin/env bash
# The drill's hand on the local stack's processes (docs/drills.md), on lib-local.sh's bookkeeping
# (pid files with start times, logs, readiness URLs), so the drill and local-up share one
# definition of every process:
#
#   local-process.sh stop NAME        stop portal, load-generator or pushgateway (TERM, a bounded
#                                     wait, KILL), first keeping the command line, environment and
#                                     directory local-up started it with (.local/stopped/NAME.*)
#   local-process.sh start NAME       start it again exactly so; returns once it answers ready
#   local-process.sh run-batch        run batch-sync once, now, with the scheduler's own command
#                                     (same jar, portal, Pushgateway) plus the caller's environment
#                                     (e.g. BATCH_FAILURE_RATE=1.0); prints "exit=N pushgateway=URL"
#   local-process.sh release-schedule let batch-sync's scheduler run again
#
# run-batch HOLDS the scheduler (SIGSTOP) and leaves it held: its next slot would otherwise push a
# good run over the drill's failed one and resolve the alert the drill waits for. A run already in
# progress is let finish first (as the CronJob's concurrencyPolicy: Forbid would). After
# release-schedule (SIGCONT) a slot missed meanwhile runs at once, like a CronJob's late start.
# The drill releases the schedule after a successful run and when it exits; if it was killed,
# `scripts/local-process.sh release-schedule` (or make local-down) ends the hold.
#
# LOCAL_READY_PORT overrides the port start's readiness check uses (tests run on random ports).
set -euo pipefail
# shellcheck source=scripts/lib-local.sh
source "$(dirname "$0")/lib-local.sh"

CONTROLLED=(portal load-generator pushgateway)
STOPPED_DIR="$LOCAL_DIR/stopped"
READY_TIMEOUT="${LOCAL_READY_TIMEOUT:-120}"
BATCH_WAIT_TIMEOUT="${LOCAL_BATCH_WAIT_TIMEOUT:-300}"

usage() { die "usage: $0 stop|start NAME (NAME: ${CONTROLLED[*]}) | run-batch | release-schedule"; }

require_controlled() {
  local name
  for name in "${CONTROLLED[@]}"; do [[ "$1" == "$name" ]] && return 0; done
  die "'$1' is not a process the drill may stop or start: use one of ${CONTROLLED[*]}"
}

stop_process() {
  local name="$1" pid
  pid="$(running_pid "$name")" || die "$name is not running (no live process in $(pid_file "$name")): make local-up"
  mkdir -p "$STOPPED_DIR"
  (
    umask 077 # the environment holds the admin token
    cat "/proc/$pid/cmdline" >"$STOPPED_DIR/$name.cmdline"
    cat "/proc/$pid/environ" >"$STOPPED_DIR/$name.environ"
    readlink "/proc/$pid/cwd" >"$STOPPED_DIR/$name.cwd"
  )
  stop_service "$name"
}

start_process() {
  local name="$1" pid argv environ cwd
  if pid="$(running_pid "$name")"; then die "$name is already running (pid $pid)"; fi
  [[ -s "$STOPPED_DIR/$name.cmdline" ]] ||
    die "$name was not stopped by $0 (nothing kept under $STOPPED_DIR): start the stack with make local-up"
  mapfile -d '' -t argv <"$STOPPED_DIR/$name.cmdline"
  mapfile -d '' -t environ <"$STOPPED_DIR/$name.environ"
  cwd="$(cat "$STOPPED_DIR/$name.cwd")"
  # A subshell: start()'s nohup runs in the original directory, this script's stays put.
  (cd "$cwd" && start "$name" env -i "${environ[@]}" "${argv[@]}")
  [[ -n "${LOCAL_READY_PORT:-}" ]] && LOCAL_PORT[$name]="$LOCAL_READY_PORT"
  wait_ready "$name" "$READY_TIMEOUT" || die "$name did not become ready after its restart"
  rm -f "$STOPPED_DIR/$name".*
  log "  started $name (pid $(running_pid "$name")) $(local_url "$name")"
}

scheduler_pid() {
  running_pid batch-sync-schedule ||
    die "batch-sync's scheduler is not running (no live process in $(pid_file batch-sync-schedule)): make local-up"
}

run_batch() {
  local pid args command=() seen=0 arg pushgateway="http://localhost:9091" deadline status=0
  pid="$(scheduler_pid)"
  kill -STOP "$pid"
  # The runs are the scheduler's children (each in its own session); wait for one in progress.
  # A finished one stays a zombie until the scheduler, stopped now, reaps it: not in progress.
  deadline=$((SECONDS + BATCH_WAIT_TIMEOUT))
  while pgrep -P "$pid" --runstates D,R,S,T,t,I >/dev/null; do
    ((SECONDS < deadline)) || die "a scheduled batch-sync run has been running for over ${BATCH_WAIT_TIMEOUT}s (children of pid $pid)"
    sleep 0.5
  done
  # The run command is what follows "--" on the scheduler's command line (lib-local.sh).
  mapfile -d '' -t args <"/proc/$pid/cmdline"
  for arg in "${args[@]}"; do
    if ((seen)); then command+=("$arg"); elif [[ "$arg" == -- ]]; then seen=1; fi
    [[ "$arg" == PUSHGATEWAY_URL=* ]] && pushgateway="${arg#PUSHGATEWAY_URL=}"
  done
  ((${#command[@]})) || die "no run command after '--' on the scheduler's command line (pid $pid)"
  mkdir -p "$LOCAL_DIR/logs"
  printf '%s event=drill-run\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$LOCAL_DIR/logs/batch-sync.log"
  "${command[@]}" >>"$LOCAL_DIR/logs/batch-sync.log" 2>&1 || status=$?
  printf 'exit=%s pushgateway=%s\n' "$status" "$pushgateway"
}

release_schedule() {
  local pid
  pid="$(scheduler_pid)"
  kill -CONT "$pid"
}

case "${1:-}" in
  stop) [[ $# -eq 2 ]] || usage; require_controlled "$2"; stop_process "$2" ;;
  start) [[ $# -eq 2 ]] || usage; require_controlled "$2"; start_process "$2" ;;
  run-batch) [[ $# -eq 1 ]] || usage; run_batch ;;
  release-schedule) [[ $# -eq 1 ]] || usage; release_schedule ;;
  *) usage ;;
esac
