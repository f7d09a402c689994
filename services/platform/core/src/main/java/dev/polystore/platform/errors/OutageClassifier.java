package dev.polystore.platform.errors;

/**
 * Tells whether an exception from a store driver means the store cannot be reached, which callers
 * see as UNAVAILABLE (retryable). Each store binding provides one.
 */
@FunctionalInterface
public interface OutageClassifier {
  boolean isOutage(Throwable failure);

  /**
   * True when this failure proves the request never reached the store (no connection could be
   * had, or the store refused it before running it), so that even a write that is not safe to
   * repeat can be answered UNAVAILABLE, which clients retry. By default nothing is proven: a
   * timeout or a connection lost mid-request may have left the write done.
   */
  default boolean provesNotRun(Throwable failure) {
    return false;
  }
}
