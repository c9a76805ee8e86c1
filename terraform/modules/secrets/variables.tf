variable "grafana_namespace" {
  type        = string
  description = "Namespace of Grafana (hrt-sre), where the grafana-admin Secret goes."
}

variable "portal_namespace" {
  type        = string
  description = "Namespace of the portal, where the portal-admin Secret goes."
}

variable "grafana_admin_user" {
  type        = string
  description = "Grafana admin user name."
  default     = "admin"
}
