#!/usr/bin/env bash
# Runs every query of every Grafana dashboard against a real Prometheus and fails on any error.
#
#   scripts/check-dashboard-queries.sh PROM_URL [DASHBOARD_DIR]
#     PROM_URL       e.g. http://127.0.0.1:9090 (the local drill's Prometheus: make drill-local)
#     DASHBOARD_DIR  default grafana/dashboards
#
# Grafana is not available on these machines, so this is how dashboards are checked: each panel
# target's `expr` (nested rows included) is sent to /api/v1/query with Grafana's built-in
# variables replaced by fixed values ($__rate_interval -> 1m, $__interval -> 30s, $__range -> 1h).
# A query that Prometheus rejects (syntax, unknown function, type error) fails the check; a query
# that answers with no data passes (a fresh stack has no batch-sync run yet, for example).
set -euo pipefail

if (($# < 1 || $# > 2)); then
  echo "usage: $0 PROM_URL [DASHBOARD_DIR]" >&2
  exit 2
fi
prom_url="${1%/}"
dashboard_dir="${2:-$(cd "$(dirname "$0")/.." && pwd)/grafana/dashboards}"
command -v python3 >/dev/null || { echo "check-dashboard-queries: python3 is required" >&2; exit 2; }

exec python3 - "$prom_url" "$dashboard_dir" <<'PY'
import glob, json, os, re, sys, urllib.error, urllib.parse, urllib.request

prom_url, dashboard_dir = sys.argv[1], sys.argv[2]
FIXED = {"__rate_interval": "1m", "__interval": "30s", "__interval_ms": "30000",
         "__range": "1h", "__range_s": "3600", "__range_ms": "3600000"}

def substitute(expr):
    def repl(match):
        name = match.group(1) or match.group(2)
        if name not in FIXED:
            raise ValueError(f"unknown Grafana variable ${name}")
        return FIXED[name]
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", repl, expr)

def targets(panels):
    for panel in panels:
        yield from ((panel.get("title", "?"), t) for t in panel.get("targets", []))
        yield from targets(panel.get("panels", []))

files = sorted(glob.glob(os.path.join(dashboard_dir, "*.json")))
if not files:
    sys.exit(f"check-dashboard-queries: no dashboards in {dashboard_dir}")
checked, failures = 0, []
for path in files:
    with open(path, encoding="utf-8") as f:
        dashboard = json.load(f)
    for title, target in targets(dashboard.get("panels", [])):
        where = f"{os.path.basename(path)} / {title} / {target.get('refId', '?')}"
        expr = target.get("expr", "").strip()
        if not expr:
            failures.append(f"{where}: no expr")
            continue
        try:
            query = substitute(expr)
        except ValueError as e:
            failures.append(f"{where}: {e}")
            continue
        data = urllib.parse.urlencode({"query": query}).encode()
        try:
            with urllib.request.urlopen(prom_url + "/api/v1/query", data=data, timeout=15) as r:
                body = json.load(r)
            ok = body.get("status") == "success"
            error = body.get("error", "")
        except urllib.error.HTTPError as e:
            ok, error = False, json.load(e).get("error", str(e)) if e.fp else str(e)
        except (urllib.error.URLError, OSError) as e:
            sys.exit(f"check-dashboard-queries: cannot reach {prom_url}: {e}")
        checked += 1
        if not ok:
            failures.append(f"{where}: {error}\n    query: {query}")
for failure in failures:
    print("FAIL " + failure, file=sys.stderr)
print(f"check-dashboard-queries: {checked} queries from {len(files)} dashboards, {len(failures)} failed")
sys.exit(1 if failures else 0)
PY
