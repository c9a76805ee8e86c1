variable "cluster_name" {
  type        = string
  description = "Name of the k3d cluster (make bootstrap CLUSTER=...); the kube context used is k3d-<cluster_name>."
  default     = "hrt-demo"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.cluster_name))
    error_message = "cluster_name must be a DNS-1123 label (lower-case letters, digits and '-')."
  }
}

variable "kubeconfig_path" {
  type        = string
  description = "Kubeconfig file that holds the k3d context."
  default     = "~/.kube/config"
}

variable "create_namespaces" {
  type        = bool
  description = "Create the namespaces here. Leave false with the playground's overlays: k8s/base/namespaces.yaml owns them, and Terraform only checks their Pod Security labels (docs/terraform.md)."
  default     = false
}

variable "manage_secrets" {
  type        = bool
  description = "Generate the grafana-admin and portal-admin Secrets here (random_password) instead of in make bootstrap."
  default     = true
}

variable "adopt_bootstrap_secrets" {
  type        = bool
  description = "Import the Secrets make bootstrap generated (the usual order: bootstrap, then tf-apply). Set false on a cluster where they do not exist yet."
  default     = true
}

variable "grafana_admin_user" {
  type        = string
  description = "Grafana admin user name stored in the grafana-admin Secret."
  default     = "admin"
}

variable "namespace_limits" {
  type = map(object({
    requests_cpu    = string
    requests_memory = string
    limits_cpu      = string
    limits_memory   = string
    max_pods        = number
  }))
  description = "ResourceQuota per namespace: total requests and limits of its pods, with room for one rolling update and the CronJobs."
  default = {
    portal = {
      requests_cpu    = "1"
      requests_memory = "2Gi"
      limits_cpu      = "4"
      limits_memory   = "4Gi"
      max_pods        = 10
    }
    hrt-sre = {
      requests_cpu    = "2"
      requests_memory = "4Gi"
      limits_cpu      = "8"
      limits_memory   = "8Gi"
      max_pods        = 25
    }
  }
}
