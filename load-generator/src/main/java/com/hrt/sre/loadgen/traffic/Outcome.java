package com.hrt.sre.loadgen.traffic;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/** How one request ended, from the client's (the user's) side: the {@code outcome} label. */
public enum Outcome {
  /** A 2xx or 3xx answer. */
  SUCCESS,
  /** The target answered with 4xx or 5xx (e.g. a chaos 503). */
  HTTP_ERROR,
  /** No answer within the request timeout. */
  TIMEOUT,
  /** No connection: refused, reset, unknown host, or no connection within the timeout. */
  CONNECTION_ERROR,
  /** Never sent: the in-flight bound was reached (the target is too slow for the rate). */
  DROPPED;

  /** The label value, e.g. {@code http_error}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Outcome ofStatus(int status) {
    return status < 400 ? SUCCESS : HTTP_ERROR;
  }

  static Outcome ofFailure(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    // A connect timeout is a timeout subclass, but the target was never reached.
    if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
      return CONNECTION_ERROR;
    }
    if (cause instanceof HttpTimeoutException) {
      return TIMEOUT;
    }
    return CONNECTION_ERROR;
  }
}
