package com.hrt.sre.drill.act;

/** A drill step could not be carried out; the message says which and why. */
public class ActionFailedException extends RuntimeException {

  public ActionFailedException(String message) {
    super(message);
  }
}
