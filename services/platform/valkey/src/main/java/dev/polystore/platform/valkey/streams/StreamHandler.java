package dev.polystore.platform.valkey.streams;

/**
 * Does what one stream entry asks. Entries come at least once, so a handler must be idempotent.
 * Returning acknowledges the entry. A failure the consumer's outage classifiers recognise (the
 * handler's store is away) is retried in place; any other leaves the entry pending, to be tried
 * again after the claim idle time, and dead-lettered after the last attempt.
 */
@FunctionalInterface
public interface StreamHandler {
  void handle(StreamEntry entry) throws Exception;
}
