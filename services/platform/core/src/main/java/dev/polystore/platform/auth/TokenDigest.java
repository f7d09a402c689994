package dev.polystore.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a token, hex-encoded: what configuration holds instead of a token, and what caches are
 * keyed by, so no secret sits in the environment or the heap longer than one call.
 */
public final class TokenDigest {
  private TokenDigest() {}

  public static String of(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Whether {@code hex} is a well-formed digest as configuration must give it. */
  public static boolean isDigest(String hex) {
    return hex.matches("[0-9a-f]{64}");
  }
}
