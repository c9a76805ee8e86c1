package com.hrt.sre.loadgen.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.stereotype.Component;

/**
 * The admin token ({@code LOADGEN_ADMIN_TOKEN}), fail closed: with none configured no request is
 * ever accepted. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, which
 * takes the same time wherever the first difference is and, comparing two 32-byte digests, does not
 * depend on the token's length. Leading and trailing whitespace is ignored on both sides (a token
 * mounted from a Secret or file often ends in a newline). The portal's {@code AdminAccess} follows
 * the same rules.
 */
@Component
class AdminToken {

  private static final String BEARER = "Bearer ";

  private final byte[] expectedDigest;

  AdminToken(AdminProperties properties) {
    this.expectedDigest = properties.tokenConfigured() ? sha256(properties.token().strip()) : null;
  }

  boolean configured() {
    return expectedDigest != null;
  }

  /** True only when a token is configured and the header is {@code Bearer <that token>}. */
  boolean matches(String authorizationHeader) {
    if (expectedDigest == null
        || authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    String presented = authorizationHeader.substring(BEARER.length()).strip();
    return MessageDigest.isEqual(expectedDigest, sha256(presented));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
