package com.hrt.sre.gitops.render;

/**
 * The commit's overlay does not render: kustomize rejected it (exit status 1), the overlay is
 * missing, or the render is not Kubernetes manifests. The same commit fails the same way every
 * time; a tool that could not run is a {@link RenderToolException} instead.
 */
public class RenderException extends RuntimeException {

  public RenderException(String message) {
    super(message);
  }

  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
