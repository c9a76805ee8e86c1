output "kube_context" {
  description = "The kubeconfig context Terraform applied to."
  value       = local.kube_context
}

output "namespaces" {
  description = "The namespaces quotas, limits and Secrets were put in."
  value       = values(module.namespaces.names)
}

output "secret_names" {
  description = "Secrets Terraform owns, as namespace/name (empty when manage_secrets is false)."
  value       = var.manage_secrets ? module.secrets[0].secret_names : []
}

output "grafana_admin_password" {
  description = "Grafana admin password (terraform output -raw grafana_admin_password)."
  value       = var.manage_secrets ? module.secrets[0].grafana_admin_password : null
  sensitive   = true
}
