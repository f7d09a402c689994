package dev.polystore.accounts.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {
  private final ApiKeySecret secrets = new ApiKeySecret(new SecureRandom());

  @Test
  void generatesSecretsTheContractAccepts() {
    String secret = secrets.generate();

    // VerifyApiKeyRequest.secret: prefix psk_, 20 to 128 characters.
    assertTrue(secret.matches("psk_[0-9A-Za-z]{40}"), secret);
    assertTrue(secret.length() >= 20 && secret.length() <= 128);
  }

  @Test
  void neverRepeatsASecret() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      assertTrue(seen.add(secrets.generate()));
    }
  }

  @Test
  void hashesWithSha256() {
    // SHA-256("abc"), the FIPS 180-2 test vector.
    assertArrayEquals(HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ApiKeySecret.hash("abc"));
    assertNotEquals(HexFormat.of().formatHex(ApiKeySecret.hash("psk_a")),
        HexFormat.of().formatHex(ApiKeySecret.hash("psk_b")));
  }

  @Test
  void showsTheFirstTwelveCharacters() {
    String secret = secrets.generate();

    assertEquals(secret.substring(0, 12), ApiKeySecret.prefix(secret));
    assertTrue(ApiKeySecret.prefix(secret).startsWith("psk_"));
  }
}
