package com.hrt.sre.loadgen.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Protection of the admin API.
 *
 * @param token when set ({@code LOADGEN_ADMIN_TOKEN}), {@code PUT /admin/rate} needs {@code
 *     Authorization: Bearer <token>}; when empty (the default) the API is open, because the worst a
 *     caller can do is bounded by the hard maximum rate (docs/load-generator.md)
 */
@Validated
@ConfigurationProperties(prefix = "load-generator.admin")
public record AdminProperties(@DefaultValue("") String token) {

  boolean tokenRequired() {
    return !token.isBlank();
  }
}
