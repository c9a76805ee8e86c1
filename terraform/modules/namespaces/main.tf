# The same labels as k8s/base/namespaces.yaml (platform-tests checks they agree), so switching the
# owner of the namespaces changes nothing in the cluster.
locals {
  labels = {
    "pod-security.kubernetes.io/enforce"         = var.pod_security_level
    "pod-security.kubernetes.io/enforce-version" = "latest"
    "pod-security.kubernetes.io/warn"            = var.pod_security_level
    "pod-security.kubernetes.io/audit"           = var.pod_security_level
    "app.kubernetes.io/part-of"                  = "hrt-sre-playground"
  }
}

resource "kubernetes_namespace_v1" "this" {
  for_each = var.create ? toset(var.names) : toset([])

  metadata {
    name   = each.value
    labels = local.labels
  }
}

# Owned by Kustomize: read, and refuse to go on if Pod Security is not enforced as expected.
data "kubernetes_namespace_v1" "existing" {
  for_each = var.create ? toset([]) : toset(var.names)

  metadata {
    name = each.value
  }

  lifecycle {
    postcondition {
      condition     = try(self.metadata[0].labels["pod-security.kubernetes.io/enforce"], "") == var.pod_security_level
      error_message = "Namespace ${each.value} does not enforce Pod Security '${var.pod_security_level}': apply k8s/ (make bootstrap) first."
    }
  }
}
