# The k3d cluster `make bootstrap` creates: k3d names its kubeconfig context "k3d-<cluster>".
provider "kubernetes" {
  config_path    = pathexpand(var.kubeconfig_path)
  config_context = local.kube_context
}
