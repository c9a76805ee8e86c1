package com.hrt.sre.gitops.source;

/** The repository could not be cloned, fetched or checked out (network, URL, branch). */
public class GitSourceException extends RuntimeException {

  public GitSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
