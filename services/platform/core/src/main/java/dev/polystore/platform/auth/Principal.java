package dev.polystore.platform.auth;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the credential proved it: never what the request says. A workspace API key is
 * bound to its workspace (and, for a member's key, to that user); a service principal or the
 * bootstrap admin is bound to neither and is trusted to name both in the request.
 *
 * @param name     for logs and errors: "api-key:&lt;id&gt;", "service:billing", "admin"; never a secret
 * @param kind     how the caller authenticated
 * @param workspaceId the only workspace the caller may act in; null when not bound to one
 * @param userId   the only user the caller may act as; null when not bound to one
 * @param scopes   what the caller may do: "files:read", "files:*" (every action on files) or "*"
 */
public record Principal(String name, Kind kind, String workspaceId, String userId, Set<String> scopes) {
  /** How a caller authenticated. */
  public enum Kind {
    /** A workspace API key (psk_...), verified by the accounts service. */
    API_KEY,
    /** An internal service: a client certificate or a service token. */
    SERVICE,
    /** The bootstrap admin credential, for creating the first user, workspace and key. */
    ADMIN
  }

  public Principal {
    scopes = Set.copyOf(scopes);
  }

  private static final String API_KEY = "api-key:";

  /** A workspace API key; {@code userId} null for a key not bound to a member. */
  public static Principal apiKey(String apiKeyId, String workspaceId, String userId, Set<String> scopes) {
    return new Principal(API_KEY + apiKeyId, Kind.API_KEY, workspaceId, userId, scopes);
  }

  /** The API key's id, for an API key principal. */
  public Optional<String> apiKeyId() {
    return kind == Kind.API_KEY ? Optional.of(name.substring(API_KEY.length())) : Optional.empty();
  }

  /** The bootstrap admin: every scope, bound to nothing. */
  public static Principal admin() {
    return new Principal("admin", Kind.ADMIN, null, null, Set.of("*"));
  }

  public Optional<String> workspace() {
    return Optional.ofNullable(workspaceId);
  }

  public Optional<String> user() {
    return Optional.ofNullable(userId);
  }

  /** Whether the principal holds {@code scope} ("files:read"), itself or by a wildcard. */
  public boolean holds(String scope) {
    if (scopes.contains(scope) || scopes.contains("*")) {
      return true;
    }
    int colon = scope.indexOf(':');
    return colon > 0 && scopes.contains(scope.substring(0, colon) + ":*");
  }
}
