package com.hrt.sre.portal.system;

/** A resource that does not exist, answered with 404 and a JSON body saying which one. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
