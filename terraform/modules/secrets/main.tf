# The two generated Secrets the manifests reference (k8s/base/grafana.yaml, k8s/base/portal.yaml):
# names and keys must match those secretKeyRefs, which platform-tests checks.
resource "random_password" "grafana_admin" {
  length  = 24
  special = false
}

resource "random_password" "portal_admin_token" {
  length  = 40
  special = false
}

resource "kubernetes_secret_v1" "grafana_admin" {
  metadata {
    name      = "grafana-admin"
    namespace = var.grafana_namespace
    labels = {
      "app.kubernetes.io/name"       = "grafana"
      "app.kubernetes.io/part-of"    = "hrt-sre-playground"
      "app.kubernetes.io/managed-by" = "terraform"
    }
  }

  data = {
    "admin-user"     = var.grafana_admin_user
    "admin-password" = random_password.grafana_admin.result
  }
}

resource "kubernetes_secret_v1" "portal_admin" {
  metadata {
    name      = "portal-admin"
    namespace = var.portal_namespace
    labels = {
      "app.kubernetes.io/name"       = "portal"
      "app.kubernetes.io/part-of"    = "hrt-sre-playground"
      "app.kubernetes.io/managed-by" = "terraform"
    }
  }

  data = {
    "token" = random_password.portal_admin_token.result
  }
}
