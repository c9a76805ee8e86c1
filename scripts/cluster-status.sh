#!/usr/bin/env bash
# make status: what runs, what is ready, recent restarts, the CronJobs' last runs, firing alerts.
set -euo pipefail
# shellcheck source=scripts/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
require_cluster

step "Workloads (overlay $(deployed_overlay))"
k get deployments -n portal -o wide
k get deployments -n hrt-sre -o wide
step "Pods (RESTARTS is what the auto-healer watches)"
k get pods -n portal -o wide
k get pods -n hrt-sre -o wide
step "CronJobs and their recent Jobs"
k get cronjobs -n hrt-sre
k get jobs -n hrt-sre --sort-by=.metadata.creationTimestamp 2>/dev/null | tail -6
step "Recent warnings"
k get events -A --field-selector type=Warning --sort-by=.lastTimestamp 2>/dev/null | tail -10 || true
