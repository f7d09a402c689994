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
  /**
   * One SHA-256 per thread, reset by each digest: looking the algorithm up in the security
   * providers on every call was a third of what authenticating a call cost in a profile of GetUser
   * (docs/benchmarks.md, issue 23), and a digest is not safe to share between threads.
   */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TokenDigest::sha256);

  private TokenDigest() {}

  public static String of(String token) {
    return HexFormat.of().formatHex(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Whether {@code hex} is a well-formed digest as configuration must give it. */
  public static boolean isDigest(String hex) {
    return hex.matches("[0-9a-f]{64}");
  }
}
