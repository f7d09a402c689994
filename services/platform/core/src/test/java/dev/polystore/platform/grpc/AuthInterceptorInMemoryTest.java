package dev.polystore.platform.grpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.auth.Credentials;
import dev.polystore.platform.auth.ServicePrincipals;
import io.grpc.Metadata;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which calls may stay on the transport thread (NonBlockingMethods): only those whose credential
 * is checked in memory. An API key may be verified against the accounts store, so its calls take
 * the handler pool.
 */
class AuthInterceptorInMemoryTest {
  private final AuthInterceptor auth = new AuthInterceptor(new Credentials(
      secret -> { throw new AssertionError("nothing is verified here"); },
      secret -> Optional.empty(), ServicePrincipals.none()));

  @Test
  void tokensAndCertificatesAreCheckedInMemoryApiKeysAreNot() {
    assertTrue(auth.verifiesInMemory(headers("Bearer service-token")));
    assertTrue(auth.verifiesInMemory(new Metadata()), "a client certificate, or no credential at all");
    assertFalse(auth.verifiesInMemory(headers("Bearer " + Credentials.API_KEY_PREFIX + "abc")));
  }

  private static Metadata headers(String authorization) {
    Metadata headers = new Metadata();
    headers.put(AuthInterceptor.AUTHORIZATION, authorization);
    return headers;
  }
}
