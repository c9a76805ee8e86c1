# Cluster demo: the playground in a local k3d cluster (docs/demo.md, docs/kubernetes.md).
# Settings: CLUSTER (default hrt-demo), OVERLAY (dev|ci), SCENARIO (break), SERVICE (logs).

CLUSTER ?= hrt-demo
OVERLAY ?= dev
SCENARIO ?= all
SERVICE ?=
export CLUSTER OVERLAY

.PHONY: load-images bootstrap redeploy port-forward status logs clean break heal reset k8s-render base-image

bootstrap: ## Create the k3d cluster and deploy everything (rerun: update in place); prints URLs and credentials
	scripts/bootstrap.sh

redeploy: ## Rebuild our images and roll them out after a code change
	scripts/cluster-redeploy.sh

load-images: ## Build our images and load them into the cluster as bootstrap does (registry or k3d image import)
	scripts/cluster-load-images.sh

port-forward: ## Grafana :3000, Prometheus :9090, Alertmanager :9093, mock-slack :8081, Pushgateway :9091 until Ctrl-C
	scripts/cluster-port-forward.sh

status: ## Pods, restarts, CronJob runs and recent warnings in the cluster
	scripts/cluster-status.sh

logs: ## Recent logs of every service, or of one: make logs SERVICE=portal
	scripts/cluster-logs.sh $(SERVICE)

clean: ## Delete the k3d cluster and its registry
	scripts/cluster-clean.sh

break: ## Break the portal: SCENARIO=errors|latency|crashloop|all (default all) on every pod
	scripts/break.sh $(SCENARIO)

heal: ## Run the auto-healer now and print its summary
	scripts/heal.sh

reset: ## Undo make break: reset chaos on every portal pod (or roll the portal out)
	scripts/cluster-reset.sh

k8s-render: ## Print the manifests of an overlay: make k8s-render OVERLAY=ci
	@scripts/cluster-render.sh $(OVERLAY)

base-image: ## Build an offline Jib base image (jlink JRE) into .local/base-image/jre25.tar
	scripts/make-base-image.sh
