package com.hrt.sre.portal.chaos;

import com.hrt.sre.portal.system.RejectedRequestException;
import com.hrt.sre.portal.system.RejectionReason;
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
   * @throws RejectedRequestException {@code admin_disabled} when no token is configured, {@code
   *     unauthorized} when the header is missing, malformed or wrong
   */
  void check(String authorizationHeader) {
    if (expectedDigest == null) {
      throw new RejectedRequestException(
          RejectionReason.ADMIN_DISABLED,
          "admin API is disabled: start the portal with PORTAL_ADMIN_TOKEN set to enable it");
    }
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw unauthorized("missing bearer token");
    }
    String presented = authorizationHeader.substring(BEARER.length()).strip();
    if (!MessageDigest.isEqual(expectedDigest, sha256(presented))) {
      throw unauthorized("wrong bearer token");
    }
  }

  private static RejectedRequestException unauthorized(String reason) {
    return new RejectedRequestException(
        RejectionReason.UNAUTHORIZED, reason + ": send Authorization: Bearer <PORTAL_ADMIN_TOKEN>");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
