package dev.polystore.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {
  private static final String TOKEN = "svc-token-for-this-test";

  @Test
  void aServiceTokenIsItsPrincipalWithItsScopes() {
    Credentials credentials = AuthSettings.fromEnv(new Env(Map.of(AuthSettings.SERVICE_TOKENS,
        "# billing reads files\nbilling " + TokenDigest.of(TOKEN) + " files:read,rooms:*")), Optional.empty());
    Principal billing = credentials.bearer(TOKEN).orElseThrow();
    assertEquals("service:billing", billing.name());
    assertTrue(billing.holds("files:read"));
    assertTrue(billing.holds("rooms:write"));
    assertFalse(billing.holds("files:write"));
    assertTrue(credentials.bearer("another-token").isEmpty());
    assertTrue(credentials.bearer("psk_not-verifiable-here").isEmpty());
  }

  @Test
  void theAdminTokenHoldsEveryScope() {
    Credentials credentials = AuthSettings.fromEnv(new Env(Map.of(AuthSettings.ADMIN_TOKEN_SHA256,
        TokenDigest.of(TOKEN))), Optional.empty());
    Principal admin = credentials.bearer(TOKEN).orElseThrow();
    assertEquals(Principal.Kind.ADMIN, admin.kind());
    assertTrue(admin.holds("users:write"));
  }

  @Test
  void aCertificatePrincipalIsFoundByItsAlternativeName() {
    Credentials credentials = AuthSettings.fromEnv(new Env(Map.of(AuthSettings.MTLS_PRINCIPALS,
        "search spiffe://prod/search search:*")), Optional.empty());
    assertEquals("service:search", credentials.certificate(List.of("dns.example", "spiffe://prod/search"))
        .orElseThrow().name());
    assertTrue(credentials.certificate(List.of("spiffe://prod/other")).isEmpty());
  }

  @Test
  void apiKeysGoToTheVerifier() {
    Principal key = new Principal("api-key:k", Principal.Kind.API_KEY, "ws", null, Set.of("files:read"));
    Credentials credentials = AuthSettings.fromEnv(new Env(Map.of()),
        Optional.of(secret -> secret.equals("psk_good") ? Optional.of(key) : Optional.empty()));
    assertEquals(Optional.of(key), credentials.bearer("psk_good"));
    assertTrue(credentials.bearer("psk_bad").isEmpty());
  }

  @Test
  void badSettingsStopStartUpNamingTheVariable() {
    assertRefused(Map.of(), AuthSettings.ADMIN_TOKEN_SHA256); // nothing could ever be verified
    assertRefused(Map.of(AuthSettings.ADMIN_TOKEN_SHA256, "not-a-digest"), AuthSettings.ADMIN_TOKEN_SHA256);
    assertRefused(Map.of(AuthSettings.SERVICE_TOKENS, "billing " + TOKEN + " files:read"), AuthSettings.SERVICE_TOKENS);
    assertRefused(Map.of(AuthSettings.SERVICE_TOKENS, "billing " + TokenDigest.of(TOKEN)), AuthSettings.SERVICE_TOKENS);
    assertRefused(Map.of(AuthSettings.SERVICE_TOKENS, "billing " + TokenDigest.of(TOKEN) + " FILES"),
        AuthSettings.SERVICE_TOKENS);
    assertRefused(Map.of(AuthSettings.SERVICE_TOKENS, "a " + TokenDigest.of("x") + " *;a " + TokenDigest.of("y") + " *"),
        AuthSettings.SERVICE_TOKENS);
    assertRefused(Map.of(AuthSettings.ADMIN_TOKEN_SHA256, TokenDigest.of(TOKEN), AuthSettings.KEY_CACHE_MILLIS, "60000"),
        AuthSettings.KEY_CACHE_MILLIS);
  }

  private static void assertRefused(Map<String, String> env, String variable) {
    ConfigException e = assertThrows(ConfigException.class, () -> AuthSettings.fromEnv(new Env(env), Optional.empty()));
    assertTrue(e.getMessage().startsWith(variable), e.getMessage());
  }
}
