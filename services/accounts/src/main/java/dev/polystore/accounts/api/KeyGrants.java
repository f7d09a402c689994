package dev.polystore.accounts.api;

import dev.polystore.platform.auth.CallPrincipal;
import dev.polystore.platform.auth.Principal;
import dev.polystore.platform.errors.ServiceException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a caller may put into a key it creates, so that no key can mint a stronger one: an API key
 * grants only scopes it holds itself, and a member's key only keys bound to the same member.
 * Service principals and the admin are trusted with any key of the workspace they name (the auth
 * interceptor has already confined a key to its own workspace).
 */
final class KeyGrants {
  private KeyGrants() {}

  static void check(List<String> scopes, Optional<UUID> userId) {
    Optional<Principal> caller = CallPrincipal.current().filter(p -> p.kind() == Principal.Kind.API_KEY);
    if (caller.isEmpty()) {
      return;
    }
    Principal key = caller.get();
    for (String scope : scopes) {
      if (!key.holds(scope)) {
        throw ServiceException.permissionDenied(key.name() + " cannot grant scope " + scope + ", which it lacks");
      }
    }
    if (key.user().isPresent() && !userId.map(UUID::toString).equals(key.user())) {
      throw ServiceException.permissionDenied(key.name() + " acts for one member and can only create keys bound to it");
    }
  }
}
