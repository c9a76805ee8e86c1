package com.hrt.sre.gitops.render;

/** {@code kubectl kustomize} failed, timed out, or printed something that is not manifests. */
public class RenderException extends RuntimeException {

  public RenderException(String message) {
    super(message);
  }

  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
