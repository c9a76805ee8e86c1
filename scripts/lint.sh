#!/usr/bin/env bash
# make lint: every style gate, each failing with the file and line at fault and how to fix it.
#   Java  - Spotless (google-java-format): fix with `make format`
#   YAML  - yamllint with .yamllint.yaml over k8s/, prometheus/, grafana/, argo/, drills/, .github/
#   shell - shellcheck over scripts/, bench/ and .ci/run
#   JSON  - every *.json under grafana/, bench/ and the test fixtures parses
set -euo pipefail
# shellcheck source=scripts/jdk.sh
source "$(dirname "$0")/jdk.sh"
jdk_use # Spotless runs in Maven, on JDK 25
cd "$(dirname "$0")/.."

failed=0
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'lint: %s\n' "$*" >&2; failed=1; }
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [[ "${CI:-}" == "true" ]]; then
    fail "$1 is not installed (CI=true): apt-get install -y $2"
  else
    printf 'lint: SKIPPED %s checks: %s not installed (apt-get install -y %s)\n' "$1" "$1" "$2" >&2
  fi
  return 1
}

step "Java formatting (Spotless, google-java-format)"
if ! ./mvnw -B -q -ntp --fail-at-end spotless:check; then
  fail "Java files are not formatted: run 'make format' and commit the result"
fi

step "YAML (yamllint)"
if need yamllint yamllint; then
  mapfile -t yaml_dirs < <(for d in k8s prometheus grafana argo drills .github; do [[ -d "$d" ]] && echo "$d"; done)
  if ((${#yaml_dirs[@]})); then
    yamllint --strict --format parsable -c .yamllint.yaml "${yaml_dirs[@]}" || fail "YAML problems above (file:line:column)"
  fi
fi

step "Shell (shellcheck)"
if need shellcheck shellcheck; then
  mapfile -t shell_files < <(
    { find scripts bench -type f -name '*.sh' 2>/dev/null; echo .ci/run; } | sort -u)
  shellcheck --format=gcc "${shell_files[@]}" || fail "shell problems above (file:line:column: SCnnnn, see https://www.shellcheck.net/wiki/SCnnnn)"
fi

step "JSON (every dashboard and fixture parses)"
while IFS= read -r -d '' json; do
  python3 -m json.tool "$json" >/dev/null 2>/tmp/lint-json.err || fail "$json: $(tail -1 /tmp/lint-json.err)"
done < <(find grafana bench -name '*.json' -print0 2>/dev/null;
         find . -path '*/src/test/resources/*' -name '*.json' -not -path '*/target/*' -print0)

if ((failed)); then
  printf '\nlint: FAILED (see above)\n' >&2
  exit 1
fi
printf '\nlint: all gates passed\n'
