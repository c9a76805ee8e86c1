package com.hrt.sre.portal.system;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Bad client input, answered with 400 and a JSON body naming every bad field (see {@link
 * ApiErrorHandler}). Thrown before anything changes, so a rejected request has no effect.
 */
public class InvalidRequestException extends RuntimeException {

  private final SortedMap<String, String> fieldErrors;

  /**
   * @param message what was wrong, in one sentence
   * @param fieldErrors field or parameter name → what is wrong with it (may be empty)
   */
  public InvalidRequestException(String message, Map<String, String> fieldErrors) {
    super(message);
    this.fieldErrors = new TreeMap<>(fieldErrors);
  }

  public SortedMap<String, String> fieldErrors() {
    return fieldErrors;
  }
}
