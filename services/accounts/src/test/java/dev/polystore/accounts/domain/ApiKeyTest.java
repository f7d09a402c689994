package dev.polystore.accounts.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void aKeyWithoutExpiryOrRevocationIsUsable() {
    assertTrue(key(Optional.empty(), Optional.empty()).isUsableAt(NOW));
  }

  @Test
  void aKeyIsUsableUntilItExpires() {
    assertTrue(key(Optional.of(NOW.plusSeconds(1)), Optional.empty()).isUsableAt(NOW));
    assertFalse(key(Optional.of(NOW), Optional.empty()).isUsableAt(NOW));
    assertFalse(key(Optional.of(NOW.minusSeconds(1)), Optional.empty()).isUsableAt(NOW));
  }

  @Test
  void aRevokedKeyIsNotUsable() {
    assertFalse(key(Optional.empty(), Optional.of(NOW.minusSeconds(60))).isUsableAt(NOW));
  }

  private static ApiKey key(Optional<Instant> expiresAt, Optional<Instant> revokedAt) {
    return new ApiKey(UUID.randomUUID(), UUID.randomUUID(), Optional.empty(), "ci", "psk_abcdefgh", List.of("files:read"),
        NOW.minusSeconds(3600), expiresAt, revokedAt, Optional.empty());
  }
}
