variable "names" {
  type        = list(string)
  description = "Namespaces of the playground."
}

variable "create" {
  type        = bool
  description = "Create the namespaces (true) or read the ones Kustomize created and check their labels (false)."
  default     = false
}

variable "pod_security_level" {
  type        = string
  description = "Pod Security Standard the namespaces enforce, warn and audit."
  default     = "restricted"

  validation {
    condition     = contains(["privileged", "baseline", "restricted"], var.pod_security_level)
    error_message = "pod_security_level must be privileged, baseline or restricted."
  }
}
