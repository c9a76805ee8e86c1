output "secret_names" {
  description = "The Secrets, as namespace/name."
  value = [
    "${kubernetes_secret_v1.grafana_admin.metadata[0].namespace}/${kubernetes_secret_v1.grafana_admin.metadata[0].name}",
    "${kubernetes_secret_v1.portal_admin.metadata[0].namespace}/${kubernetes_secret_v1.portal_admin.metadata[0].name}",
  ]
}

output "grafana_admin_password" {
  description = "The generated Grafana admin password."
  value       = random_password.grafana_admin.result
  sensitive   = true
}
