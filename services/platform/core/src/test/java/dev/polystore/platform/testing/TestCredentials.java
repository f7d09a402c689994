package dev.polystore.platform.testing;

import dev.polystore.platform.auth.ApiKeyCache;
import dev.polystore.platform.auth.Authentication;
import dev.polystore.platform.auth.Authenticator;
import dev.polystore.platform.auth.Credentials;
import dev.polystore.platform.auth.ServicePrincipals;
import dev.polystore.platform.auth.StaticTokens;
import dev.polystore.platform.auth.TokenDigest;
import dev.polystore.platform.grpc.AuthInterceptor;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Credentials of the test servers: an admin token made fresh for each test JVM (never a constant
 * in the repository), and workspace API keys verified by the hosted accounts service, if any.
 */
public final class TestCredentials {
  /** The bootstrap admin token every test server accepts. */
  public static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();

  private TestCredentials() {}

  /** Authentication with the test admin token and, when given, API keys (cached for {@code keyCache}). */
  public static Authentication authentication(Optional<Authenticator> apiKeys, Duration keyCache) {
    Authenticator keys = apiKeys.<Authenticator>map(verifier -> new ApiKeyCache(verifier, keyCache, 1000))
        .orElse(secret -> Optional.empty());
    return Authentication.required(new Credentials(keys,
        new StaticTokens(TokenDigest.of(ADMIN_TOKEN), ServicePrincipals.none()), ServicePrincipals.none()));
  }

  /** Sends {@code secret} as the bearer credential of every call. */
  public static ClientInterceptor bearer(String secret) {
    Metadata headers = new Metadata();
    headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + secret);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
