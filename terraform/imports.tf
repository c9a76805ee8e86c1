# The Terraform setup runs after `make bootstrap`, which generates the two Secrets once (and keeps
# existing ones). These imports hand them to Terraform, so afterwards exactly one tool owns them:
# Terraform rewrites their values from random_password and bootstrap only reads them.
# docs/terraform.md: restart grafana and portal after the first apply (they read them at start).
# for_each on import blocks needs Terraform 1.7 or newer (versions.tf).
import {
  for_each = var.manage_secrets && var.adopt_bootstrap_secrets ? toset(["hrt-sre/grafana-admin"]) : toset([])
  to       = module.secrets[0].kubernetes_secret_v1.grafana_admin
  id       = each.value
}

import {
  for_each = var.manage_secrets && var.adopt_bootstrap_secrets ? toset(["portal/portal-admin"]) : toset([])
  to       = module.secrets[0].kubernetes_secret_v1.portal_admin
  id       = each.value
}
