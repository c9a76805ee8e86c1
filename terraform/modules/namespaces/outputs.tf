output "names" {
  description = "Namespace names by name, available once the namespaces exist (created or read)."
  value = var.create ? {
    for name, namespace in kubernetes_namespace_v1.this : name => namespace.metadata[0].name
    } : {
    for name, namespace in data.kubernetes_namespace_v1.existing : name => namespace.metadata[0].name
  }
}

output "labels" {
  description = "Labels the namespaces carry (or must carry)."
  value       = local.labels
}
