package dev.polystore.seeder;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Every idempotency key and random stream is a function of the seed and the entity's name, so a
 * second run with the same seed sends the same keys and the services recognise what exists.
 */
public final class Keys {
  private final long seed;

  public Keys(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** A name-based (version 3) UUID of the seed and the entity, for request_id fields. */
  public UUID uuid(String entity) {
    return UUID.nameUUIDFromBytes(("polystore-seeder:" + seed + ":" + entity).getBytes(StandardCharsets.UTF_8));
  }

  /** A short id for fields that take letters, digits and . _ : - (event ids, client_message_id). */
  public String id(String entity) {
    return "s" + seed + ":" + entity;
  }

  /** A random stream of its own per entity: generating one entity never shifts another's values. */
  public SplittableRandom random(String entity) {
    UUID u = uuid("random:" + entity);
    return new SplittableRandom(u.getMostSignificantBits() ^ u.getLeastSignificantBits());
  }
}
