#!/usr/bin/env bash
# make drill: the game-day drills (docs/drills.md) against the stack that is up.
#   MODE      local or cluster; default: local if the local stack runs (its recorded processes are
#             alive, or the portal answers on 127.0.0.1:8080), else cluster if kubectl's context is a
#             k3d cluster that answers; else it refuses (exit 2) saying how to start one.
#   SCENARIO  one drills/<name>.yaml (default: all); PLAYER  a person heals instead of the drill;
#   DRY_RUN   true: print the plan only.
# Exit codes are the drill's: 0 every drill that ran passed, 1 one failed, 2 refused.
set -euo pipefail
# shellcheck source=scripts/lib-local.sh
source "$(dirname "$0")/lib-local.sh"
cd "$REPO_ROOT"

DRILL_JAR="${DRILL_JAR:-$(module_jar drill)}"

local_stack_up() {
  local name
  for name in "${LOCAL_SERVICES[@]}"; do
    running_pid "$name" >/dev/null && return 0
  done
  http_ok "$(local_url portal)${LOCAL_READY_PATH[portal]}"
}

cluster_up() {
  local context
  command -v kubectl >/dev/null 2>&1 || return 1
  context="$(kubectl config current-context 2>/dev/null)" || return 1
  [[ "$context" == k3d-* ]] && kubectl --request-timeout=5s get --raw /readyz >/dev/null 2>&1
}

mode="${MODE:-}"
if [[ -z "$mode" ]]; then
  if local_stack_up; then
    mode=local
  elif cluster_up; then
    mode=cluster
  else
    printf 'event=drill_refused exit=2 reason="no stack is up: start local mode with make local-up, or the k3d demo with make bootstrap and make port-forward (or set MODE=local|cluster)"\n' >&2
    exit 2
  fi
fi

# Local mode: the portal admin token and the URLs local-up wrote.
if [[ "$mode" == local && -f "$LOCAL_DIR/env" ]]; then
  set -a
  # shellcheck source=/dev/null
  source "$LOCAL_DIR/env"
  set +a
fi

[[ -f "$DRILL_JAR" ]] || die "$DRILL_JAR missing: run make drill (it builds it) or ./mvnw -pl drill -am package -DskipTests"
exec env MODE="$mode" DRILL_REPOSITORY="$REPO_ROOT" java -jar "$DRILL_JAR" "$@"
