package dev.polystore.platform.errors;

/**
 * Tells whether an exception from a store driver means the store cannot be reached, which callers
 * see as UNAVAILABLE (retryable). Each store binding provides one.
 */
@FunctionalInterface
public interface OutageClassifier {
  boolean isOutage(Throwable failure);
}
