package dev.polystore.platform.events;

/**
 * Turns a {@link Change} into the bytes of its polystore.events.v1.Event. A service's api package
 * implements it (it knows the contracts; the store, which writes the outbox row, must not). Called
 * on the handler thread, inside the write's transaction, so the call's principal is at hand.
 */
@FunctionalInterface
public interface ChangeEncoder {
  byte[] encode(Change change);
}
