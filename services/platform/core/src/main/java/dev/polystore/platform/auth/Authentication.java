package dev.polystore.platform.auth;

import java.util.Optional;

/**
 * Whether a host authenticates calls, and with what. Production and local mode always do
 * ({@link #required}); {@link #off} exists for the platform's own interceptor tests and for the
 * benchmark that measures what authentication costs, and is never chosen by configuration.
 */
public final class Authentication {
  private final Credentials credentials;

  private Authentication(Credentials credentials) {
    this.credentials = credentials;
  }

  public static Authentication required(Credentials credentials) {
    return new Authentication(java.util.Objects.requireNonNull(credentials));
  }

  public static Authentication off() {
    return new Authentication(null);
  }

  /** The credentials calls are checked against; empty when authentication is off. */
  public Optional<Credentials> credentials() {
    return Optional.ofNullable(credentials);
  }
}
