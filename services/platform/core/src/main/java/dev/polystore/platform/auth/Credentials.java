package dev.polystore.platform.auth;

import java.util.Optional;

/**
 * Every way a caller can prove who it is, tried in a fixed order: a bearer secret if the call
 * carries one (an API key "psk_...", else a service or the admin token), else the client
 * certificate of a mutual-TLS connection. A bearer secret wins over the certificate so that a
 * service connected with mTLS can pass on the API key of the workspace it calls for.
 */
public final class Credentials {
  /** Prefix of the accounts service's workspace API keys. */
  public static final String API_KEY_PREFIX = "psk_";

  private final Authenticator apiKeys;
  private final Authenticator tokens;
  private final ServicePrincipals certificates;

  /**
   * @param apiKeys      verifies "psk_" secrets (cached; see {@link ApiKeyCache})
   * @param tokens       the admin and service tokens, by digest ({@link StaticTokens})
   * @param certificates client certificate identities (subject alternative names)
   */
  public Credentials(Authenticator apiKeys, Authenticator tokens, ServicePrincipals certificates) {
    this.apiKeys = apiKeys;
    this.tokens = tokens;
    this.certificates = certificates;
  }

  /** The principal of a bearer secret; empty when it proves nothing. */
  public Optional<Principal> bearer(String secret) {
    return secret.startsWith(API_KEY_PREFIX) ? apiKeys.authenticate(secret) : tokens.authenticate(secret);
  }

  /** Records that {@code principal}'s call passed every check (an API key's last use). */
  public void recordUse(Principal principal) {
    if (principal.kind() == Principal.Kind.API_KEY) {
      apiKeys.recordUse(principal);
    }
  }

  /** The principal of the first of {@code names} (a certificate's SANs) that is configured. */
  public Optional<Principal> certificate(Iterable<String> names) {
    for (String name : names) {
      Optional<Principal> principal = certificates.find(name);
      if (principal.isPresent()) {
        return principal;
      }
    }
    return Optional.empty();
  }
}
