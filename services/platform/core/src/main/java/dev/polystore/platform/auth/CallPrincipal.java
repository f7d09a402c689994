package dev.polystore.platform.auth;

import io.grpc.Context;
import java.util.Optional;

/**
 * The principal of the call being handled, for the few handlers whose rule depends on it (a key
 * may not grant scopes it does not hold). Set by the auth interceptor on the call's context.
 */
public final class CallPrincipal {
  static final Context.Key<Principal> KEY = Context.key("polystore-principal");

  private CallPrincipal() {}

  /** The caller; empty only where authentication is off (benchmarks of its cost). */
  public static Optional<Principal> current() {
    return Optional.ofNullable(KEY.get());
  }

  /** {@code context} carrying {@code principal}. */
  public static Context in(Context context, Principal principal) {
    return context.withValue(KEY, principal);
  }
}
