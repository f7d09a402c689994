package dev.polystore.platform.auth;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The credentials a gateway accepts, from its environment (docs/security.md):
 * <ul>
 *   <li>{@code POLYSTORE_ADMIN_TOKEN_SHA256}: SHA-256 (hex) of the bootstrap admin token;
 *   <li>{@code POLYSTORE_SERVICE_TOKENS} or {@code POLYSTORE_SERVICE_TOKENS_FILE}: service tokens,
 *       {@code <name> <sha256> <scopes>} per line ({@link ServicePrincipals});
 *   <li>{@code POLYSTORE_MTLS_PRINCIPALS} or {@code POLYSTORE_MTLS_PRINCIPALS_FILE}: client
 *       certificates, {@code <name> <subject alternative name> <scopes>} per line;
 *   <li>{@code POLYSTORE_KEY_CACHE_MILLIS}: how long a verified API key is trusted before it is
 *       looked up again, 0 to 5000 (default 5000): the revocation delay.
 * </ul>
 * Workspace API keys are verified by the accounts service when this process hosts it.
 */
public final class AuthSettings {
  public static final String ADMIN_TOKEN_SHA256 = "POLYSTORE_ADMIN_TOKEN_SHA256";
  public static final String SERVICE_TOKENS = "POLYSTORE_SERVICE_TOKENS";
  public static final String MTLS_PRINCIPALS = "POLYSTORE_MTLS_PRINCIPALS";
  public static final String KEY_CACHE_MILLIS = "POLYSTORE_KEY_CACHE_MILLIS";

  private AuthSettings() {}

  /**
   * Credentials from {@code env}; {@code apiKeys} verifies workspace keys, when this process can.
   * Fails when no credential at all could be accepted: such a gateway would refuse every call.
   */
  public static Credentials fromEnv(Env env, Optional<Authenticator> apiKeys) {
    String admin = env.optional(ADMIN_TOKEN_SHA256).map(String::strip).orElse(null);
    if (admin != null && !TokenDigest.isDigest(admin)) {
      throw new ConfigException(ADMIN_TOKEN_SHA256, "must be a SHA-256 in lower-case hex (64 characters), "
          + "e.g. from: printf %s \"$TOKEN\" | sha256sum");
    }
    ServicePrincipals tokens = ServicePrincipals.parse(SERVICE_TOKENS, text(env, SERVICE_TOKENS),
        TokenDigest::isDigest, "token's SHA-256 in lower-case hex");
    ServicePrincipals certificates = ServicePrincipals.parse(MTLS_PRINCIPALS, text(env, MTLS_PRINCIPALS),
        name -> !name.isBlank(), "subject alternative name (URI or DNS)");
    if (admin == null && tokens.isEmpty() && certificates.isEmpty() && apiKeys.isEmpty()) {
      throw new ConfigException(ADMIN_TOKEN_SHA256, "no credential could be verified: set it, "
          + SERVICE_TOKENS + " or " + MTLS_PRINCIPALS + ", or host the accounts service");
    }
    Duration delay = Duration.ofMillis(env.integer(KEY_CACHE_MILLIS, 5000, 0, 5000));
    Authenticator keys = apiKeys.<Authenticator>map(verifier -> new ApiKeyCache(verifier, delay, 100_000))
        .orElse(secret -> Optional.empty());
    return new Credentials(keys, new StaticTokens(admin, tokens), certificates);
  }

  /** The value of {@code variable}, or the contents of the file {@code variable_FILE} names. */
  private static String text(Env env, String variable) {
    Optional<String> inline = env.optional(variable);
    Optional<String> file = env.optional(variable + "_FILE");
    if (inline.isPresent() && file.isPresent()) {
      throw new ConfigException(variable, "set it or " + variable + "_FILE, not both");
    }
    if (file.isEmpty()) {
      return inline.orElse("");
    }
    try {
      return Files.readString(Path.of(file.get()));
    } catch (IOException e) {
      throw new ConfigException(variable + "_FILE", "cannot read " + file.get() + ": " + e.getMessage());
    }
  }
}
