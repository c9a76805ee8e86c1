# Local mode (docs/monitoring.md): the services as JVM processes and the
# Debian prometheus/alertmanager/pushgateway binaries on 127.0.0.1, with the cluster's rules and
# routes rendered for local addresses.

.PHONY: local-up local-down local-status local-reload

local-up: ## Start the local stack on 127.0.0.1 (builds missing jars; prints URLs and the admin token)
	scripts/local-up.sh

local-down: ## Stop exactly the processes local-up started
	scripts/local-down.sh

local-status: ## Show each local process, its readiness, Prometheus targets and firing alerts
	scripts/local-status.sh

local-reload: ## Re-render prometheus/ configs and reload the running local Prometheus and Alertmanager
	scripts/local-reload.sh

# The drills on the local stack (make drill-local, part of make test) are in mk/drill.mk.
