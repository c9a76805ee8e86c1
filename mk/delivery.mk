# Delivery: Terraform for cluster-level configuration, the GitOps watcher run locally, Argo CD.
# docs/terraform.md, docs/gitops.md and docs/ci.md explain each; the checks that need no cluster
# (Terraform parse and variables, Argo CD manifests, the CI workflow) run in platform-tests.

.PHONY: tf-validate tf-plan tf-apply gitops-watch gitops-once argo-install argo-apply

CLUSTER ?= hrt-demo
TERRAFORM ?= terraform
TF_DIR := terraform
# Argo CD release installed by `make argo-install` (its upstream install.yaml).
ARGOCD_VERSION ?= v2.14.11
# The overlay bootstrap deployed (.local/cluster/overlay): dev-registry in registry mode, dev when
# the images were imported into the nodes; either way the images bootstrap made available.
GITOPS_OVERLAY ?= k8s/overlays/$(shell cat .local/cluster/overlay 2>/dev/null || echo dev-registry)
# Extra `kubectl kustomize` flags for the watcher, comma-separated: none, every overlay builds
# with kustomize's defaults.
GITOPS_KUSTOMIZE_FLAGS ?=

define require_terraform
	@command -v $(TERRAFORM) >/dev/null 2>&1 || { \
	  echo "$@: the terraform binary (>= 1.7) is not on PATH; install it from HashiCorp's releases or apt repository (Debian's archive has none). Without it, 'make test' still parses every .tf file (platform-tests)." >&2; \
	  exit 1; }
endef

tf-validate: ## Terraform: fmt check, init without backend, validate (needs the terraform binary)
	$(require_terraform)
	$(TERRAFORM) -chdir=$(TF_DIR) fmt -check -recursive -diff
	$(TERRAFORM) -chdir=$(TF_DIR) init -backend=false -input=false
	$(TERRAFORM) -chdir=$(TF_DIR) validate

tf-plan: ## Terraform plan against the k3d context k3d-$(CLUSTER) (quotas, limits, Secrets)
	$(require_terraform)
	@kubectl config get-contexts k3d-$(CLUSTER) >/dev/null 2>&1 || { echo "tf-plan: no kube context k3d-$(CLUSTER); run 'make bootstrap CLUSTER=$(CLUSTER)' first" >&2; exit 1; }
	$(TERRAFORM) -chdir=$(TF_DIR) init -input=false
	$(TERRAFORM) -chdir=$(TF_DIR) plan -input=false -var cluster_name=$(CLUSTER) -out=tfplan

tf-apply: tf-plan ## Apply the plan tf-plan wrote (Terraform then owns quotas, limits, Secrets)
	$(TERRAFORM) -chdir=$(TF_DIR) apply -input=false tfplan

gitops-watch: ## Run the GitOps watcher on this repository against the current kube context (GITOPS_ARGS=--dry-run)
	$(MVN) -q -pl gitops -am package -DskipTests
	@echo "gitops-watch: kube context '$$(kubectl config current-context)', overlay $(GITOPS_OVERLAY), branch $$(git rev-parse --abbrev-ref HEAD); http://localhost:8083/metrics"
	GITOPS_REPOSITORY="$(CURDIR)" \
	GITOPS_BRANCH="$$(git rev-parse --abbrev-ref HEAD)" \
	GITOPS_PATH="$(GITOPS_OVERLAY)" \
	GITOPS_KUSTOMIZE_FLAGS="$(GITOPS_KUSTOMIZE_FLAGS)" \
	  java -jar "$$(ls gitops/target/gitops-*.jar | grep -v original | head -1)" $(GITOPS_ARGS)

gitops-once: ## One GitOps sync of the last commit and exit (add GITOPS_ARGS=--dry-run to only print changes)
	$(MAKE) --no-print-directory gitops-watch GITOPS_ARGS="--once $(GITOPS_ARGS)"

# Argo CD goes into the demo cluster only, whatever the current kube context is.
ARGO_KUBECTL = kubectl --context k3d-$(CLUSTER)

argo-install: ## Install Argo CD (ARGOCD_VERSION) into the k3d cluster k3d-$(CLUSTER) and apply argo/install settings
	$(ARGO_KUBECTL) create namespace argocd --dry-run=client -o yaml | $(ARGO_KUBECTL) apply -f -
	$(ARGO_KUBECTL) apply -n argocd --server-side --force-conflicts \
	  -f https://raw.githubusercontent.com/argoproj/argo-cd/$(ARGOCD_VERSION)/manifests/install.yaml
	$(ARGO_KUBECTL) -n argocd patch configmap argocd-cm --type merge --patch-file argo/install/argocd-cm-patch.yaml
	$(ARGO_KUBECTL) -n argocd rollout status deployment/argocd-repo-server --timeout=180s
	$(ARGO_KUBECTL) -n argocd rollout status statefulset/argocd-application-controller --timeout=180s

argo-apply: ## Apply the AppProject and the app-of-apps to k3d-$(CLUSTER) (repo URL/revision: argo/source/repository.yaml)
	$(ARGO_KUBECTL) apply -k argo/
