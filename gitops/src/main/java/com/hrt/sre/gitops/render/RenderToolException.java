package com.hrt.sre.gitops.render;

/**
 * {@code kubectl kustomize} could not do its work, through no fault of the commit: the binary is
 * missing or not executable, it ran out of time or was killed, or its output could not be read. The
 * same commit may render fine on the next try.
 */
public class RenderToolException extends RuntimeException {

  public RenderToolException(String message) {
    super(message);
  }

  public RenderToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
