package dev.polystore.accounts.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * API key secrets: "psk_" and 40 random base62 characters (about 238 bits), what the service keeps
 * of them (a SHA-256 hash and a display prefix), and nothing else.
 *
 * <p>A plain SHA-256 is enough here, unlike for passwords: the secret is long and uniformly random,
 * so there is no dictionary to try and a slow hash would only slow down every verification. Being
 * deterministic, it also lets VerifyApiKey find the key by an index on the hash.
 */
public final class ApiKeySecret {
  public static final String SCHEME = "psk_";
  static final int RANDOM_LENGTH = 40;
  static final int PREFIX_LENGTH = 12;
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final SecureRandom random;

  public ApiKeySecret(SecureRandom random) {
    this.random = random;
  }

  /** A new secret. */
  public String generate() {
    StringBuilder secret = new StringBuilder(SCHEME.length() + RANDOM_LENGTH).append(SCHEME);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      // nextInt(bound) is uniform, so every character carries log2(62) bits.
      secret.append(BASE62[random.nextInt(BASE62.length)]);
    }
    return secret.toString();
  }

  /** What the store keeps and looks keys up by. */
  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The first characters, to recognise a key in lists and logs; too short to help guess the rest. */
  public static String prefix(String secret) {
    return secret.substring(0, Math.min(PREFIX_LENGTH, secret.length()));
  }
}
