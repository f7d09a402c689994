package dev.polystore.platform.auth;

import java.util.Optional;

/**
 * The tokens configuration knows by their SHA-256: the bootstrap admin's and the service tokens.
 * Only digests are configured, so the environment and the repository never hold a token.
 */
public final class StaticTokens implements Authenticator {
  private final String adminDigest;
  private final ServicePrincipals services;

  /** {@code adminDigest}: the admin token's SHA-256 (hex), or null for no admin. */
  public StaticTokens(String adminDigest, ServicePrincipals services) {
    this.adminDigest = adminDigest;
    this.services = services;
  }

  @Override
  public Optional<Principal> authenticate(String secret) {
    String digest = TokenDigest.of(secret);
    if (adminDigest != null && java.security.MessageDigest.isEqual(digest.getBytes(), adminDigest.getBytes())) {
      return Optional.of(Principal.admin());
    }
    return services.find(digest);
  }
}
