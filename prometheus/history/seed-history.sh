#!/bin/sh
# seed-history.sh DATA_DIR: gives an EMPTY Prometheus data directory HISTORY_DAYS (default 30) days
# of a healthy portal: its API request counter growing at HISTORY_RATE requests/s (default 5, the
# load generator's default rate), no errors, one sample per 5 minutes, ending a minute ago, written
# as TSDB blocks by promtool (Prometheus' documented backfill:
# https://prometheus.io/docs/prometheus/latest/storage/#backfilling-from-openmetrics-format).
# A directory that holds anything is left alone, so no live data is ever touched.
#
# Why: the SLO's burn-rate rules read 5m to 30d windows. On a stack minutes old the 6h and 30d
# windows hold only those minutes, so one burst of errors keeps PortalSLOBurn's 6h branch firing
# for hours and "spends" the 30-day budget many times over; with a month of history the windows
# weigh it as in a service that has been running (docs/drills.md). The series is labelled
# instance="history", so it is never mistaken for a live portal.
#
# One script for both modes: scripts/local-up.sh runs it before Prometheus starts, and the cluster's
# Prometheus pod runs it in an init container with the Prometheus image's own busybox sh, awk and
# promtool (k8s/base/prometheus.yaml). So: POSIX sh, and only awk, date, ls, mktemp and rm.
set -eu

data="${1:?usage: seed-history.sh DATA_DIR}"
days="${HISTORY_DAYS:-30}"
rate="${HISTORY_RATE:-5}"
case "$days$rate" in
  *[!0-9]* | "") echo "seed-history: HISTORY_DAYS and HISTORY_RATE must be whole numbers" >&2; exit 2 ;;
esac
if [ "$days" -eq 0 ] || [ -n "$(ls -A "$data" 2>/dev/null)" ]; then
  exit 0
fi

now="$(date +%s)"
file="$(mktemp)"
trap 'rm -f "$file"' EXIT
# No TYPE line: an OpenMetrics counter family would need the _total suffix, and the rules read
# http_server_requests_seconds_count. The labels are those the portal's Micrometer series carry.
awk -v start="$((now - days * 86400))" -v until="$((now - 60))" -v rate="$rate" 'BEGIN {
  labels = "{job=\"portal\",instance=\"history\",uri=\"/api/records\",method=\"GET\",status=\"200\",outcome=\"SUCCESS\",exception=\"none\"}"
  for (t = start; t <= until; t += 300) {
    printf "http_server_requests_seconds_count%s %d %d\n", labels, (t - start) * rate, t
  }
  print "# EOF"
}' >"$file"
promtool tsdb create-blocks-from openmetrics --quiet "$file" "$data" >/dev/null
echo "seed-history: $days days of a healthy portal at $rate requests/s written to $data"
