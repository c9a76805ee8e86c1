package com.hrt.sre.portal.chaos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.stereotype.Component;

/**
 * Guards the admin API with {@code Authorization: Bearer <PORTAL_ADMIN_TOKEN>}.
 *
 * <p>With no token configured the admin API is disabled (403 for everyone), never open. Tokens are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, which takes the same time
 * wherever the first difference is and does not leak the token's length. Leading and trailing
 * whitespace is ignored on both the configured and the presented token.
 */
@Component
class AdminAccess {

  private static final String BEARER = "Bearer ";

  private final byte[] expectedDigest;

  AdminAccess(ChaosProperties properties) {
    // Both sides are stripped: a token mounted from a Secret or file often ends in a newline.
    this.expectedDigest =
        properties.adminEnabled() ? sha256(properties.adminToken().strip()) : null;
  }

  /**
   * @throws AdminDisabledException when no token is configured
   * @throws AdminUnauthorizedException when the header is missing, malformed or wrong
   */
  void check(String authorizationHeader) {
    if (expectedDigest == null) {
      throw new AdminDisabledException();
    }
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new AdminUnauthorizedException("missing bearer token");
    }
    String presented = authorizationHeader.substring(BEARER.length()).strip();
    if (!MessageDigest.isEqual(expectedDigest, sha256(presented))) {
      throw new AdminUnauthorizedException("wrong bearer token");
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** No admin token configured: the admin API is switched off. */
  static final class AdminDisabledException extends RuntimeException {
    AdminDisabledException() {
      super("admin API is disabled: start the portal with PORTAL_ADMIN_TOKEN set to enable it");
    }
  }

  /** The request did not present the configured token. */
  static final class AdminUnauthorizedException extends RuntimeException {
    AdminUnauthorizedException(String reason) {
      super(reason);
    }
  }
}
