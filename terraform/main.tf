# Cluster-level configuration of the playground. Ownership (docs/terraform.md): Kustomize (k8s/)
# owns the namespaces and everything in them that the overlays render; Terraform owns what no
# overlay renders: ResourceQuota and LimitRange per namespace, and the generated Secrets.

locals {
  kube_context = "k3d-${var.cluster_name}"

  # DESIGN.md: the two namespaces, both enforcing the Pod Security Standard "restricted".
  namespaces = ["portal", "hrt-sre"]
}

module "namespaces" {
  source = "./modules/namespaces"

  names  = local.namespaces
  create = var.create_namespaces
}

module "resource_limits" {
  source   = "./modules/resource-limits"
  for_each = var.namespace_limits

  namespace       = module.namespaces.names[each.key]
  requests_cpu    = each.value.requests_cpu
  requests_memory = each.value.requests_memory
  limits_cpu      = each.value.limits_cpu
  limits_memory   = each.value.limits_memory
  max_pods        = each.value.max_pods
}

module "secrets" {
  source = "./modules/secrets"
  count  = var.manage_secrets ? 1 : 0

  grafana_namespace  = module.namespaces.names["hrt-sre"]
  portal_namespace   = module.namespaces.names["portal"]
  grafana_admin_user = var.grafana_admin_user
}
