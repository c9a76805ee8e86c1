# A ceiling per namespace, so one runaway workload (or a `make break` gone wrong) cannot starve
# the laptop; and defaults for any container that forgets its resources.
resource "kubernetes_resource_quota_v1" "this" {
  metadata {
    name      = "hrt-sre-quota"
    namespace = var.namespace
    labels = {
      "app.kubernetes.io/part-of"    = "hrt-sre-playground"
      "app.kubernetes.io/managed-by" = "terraform"
    }
  }

  spec {
    hard = {
      "requests.cpu"    = var.requests_cpu
      "requests.memory" = var.requests_memory
      "limits.cpu"      = var.limits_cpu
      "limits.memory"   = var.limits_memory
      "pods"            = var.max_pods
    }
  }
}

resource "kubernetes_limit_range_v1" "this" {
  metadata {
    name      = "hrt-sre-limits"
    namespace = var.namespace
    labels = {
      "app.kubernetes.io/part-of"    = "hrt-sre-playground"
      "app.kubernetes.io/managed-by" = "terraform"
    }
  }

  spec {
    limit {
      type = "Container"
      default_request = {
        cpu    = var.default_request_cpu
        memory = var.default_request_memory
      }
      default = {
        cpu    = var.default_limit_cpu
        memory = var.default_limit_memory
      }
      max = {
        cpu    = var.max_container_cpu
        memory = var.max_container_memory
      }
    }
  }
}
