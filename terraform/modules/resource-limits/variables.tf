variable "namespace" {
  type        = string
  description = "Namespace the ResourceQuota and LimitRange go in."
}

variable "requests_cpu" {
  type        = string
  description = "Sum of CPU requests of all pods in the namespace."
}

variable "requests_memory" {
  type        = string
  description = "Sum of memory requests of all pods in the namespace."
}

variable "limits_cpu" {
  type        = string
  description = "Sum of CPU limits of all pods in the namespace."
}

variable "limits_memory" {
  type        = string
  description = "Sum of memory limits of all pods in the namespace."
}

variable "max_pods" {
  type        = number
  description = "Most pods the namespace may hold at once."
}

variable "default_request_cpu" {
  type        = string
  description = "CPU request given to a container that sets none."
  default     = "50m"
}

variable "default_request_memory" {
  type        = string
  description = "Memory request given to a container that sets none."
  default     = "128Mi"
}

variable "default_limit_cpu" {
  type        = string
  description = "CPU limit given to a container that sets none."
  default     = "500m"
}

variable "default_limit_memory" {
  type        = string
  description = "Memory limit given to a container that sets none."
  default     = "512Mi"
}

variable "max_container_cpu" {
  type        = string
  description = "Largest CPU limit one container may ask for."
  default     = "2"
}

variable "max_container_memory" {
  type        = string
  description = "Largest memory limit one container may ask for."
  default     = "2Gi"
}
