package com.hrt.sre.drill.observe;

/** A running service the drill watches could not be read; the message says which and why. */
public class ObserveException extends RuntimeException {

  public ObserveException(String message) {
    super(message);
  }
}
