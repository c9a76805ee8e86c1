package com.hrt.sre.loadgen.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Protection of the admin API.
 *
 * @param token {@code LOADGEN_ADMIN_TOKEN}: every {@code /admin/**} request needs {@code
 *     Authorization: Bearer <token>}; blank (the default) disables the admin API (403 for
 *     everyone), it is never open
 */
@Validated
@ConfigurationProperties(prefix = "load-generator.admin")
public record AdminProperties(@DefaultValue("") String token) {

  boolean tokenConfigured() {
    return !token.isBlank();
  }

  @Override
  public String toString() {
    // Never print the token (the record's default toString would).
    return "AdminProperties[tokenConfigured=" + tokenConfigured() + "]";
  }
}
