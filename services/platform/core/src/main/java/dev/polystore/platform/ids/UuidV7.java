package dev.polystore.platform.ids;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;

/**
 * Time-ordered UUIDs, version 7 of RFC 9562: 48 bits of Unix milliseconds, then a 12-bit counter
 * (the RFC's "fixed bit-length dedicated counter", method 1), then 62 random bits. Ids from one
 * generator strictly increase, also within a millisecond and when the clock steps back, so a btree
 * on them grows at its right edge and sorting by id sorts by creation.
 *
 * <p>No library on our class path makes version 7 UUIDs (java.util.UUID has versions 3 and 4, the
 * Cassandra driver version 1), hence this class.
 */
public final class UuidV7 {
  private static final int COUNTER_BITS = 12;
  private static final long COUNTER_MAX = (1L << COUNTER_BITS) - 1;
  private static final long VERSION = 7L << COUNTER_BITS;
  private static final long VARIANT = 0x8000_0000_0000_0000L;
  private static final long RANDOM_MASK = 0x3FFF_FFFF_FFFF_FFFFL;
  private static final long MAX_MILLIS = (1L << 48) - 1;

  private final Clock clock;
  private final Random random;
  private long lastMillis = -1;
  private long lastCounter;

  public UuidV7(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  /** On the system clock, with random bits from a SecureRandom. */
  public static UuidV7 create() {
    return new UuidV7(Clock.systemUTC(), new SecureRandom());
  }

  /** A new id, greater than every id this generator made before. */
  public synchronized UUID next() {
    long now = clock.millis();
    if (now > lastMillis) {
      lastMillis = now;
      // A random start, its top bit clear, leaves at least 2048 more ids for this millisecond.
      lastCounter = random.nextInt(1 << (COUNTER_BITS - 1));
    } else {
      advance();
    }
    return compose(lastMillis, lastCounter, random.nextLong() & RANDOM_MASK);
  }

  /**
   * A new id, greater than {@code floor} too: ids of another process, whose clock may run ahead of
   * ours, never sort after a later id of ours.
   */
  public synchronized UUID nextAfter(UUID floor) {
    long floorMillis = floor.getMostSignificantBits() >>> 16;
    long floorCounter = floor.getMostSignificantBits() & COUNTER_MAX;
    if (floorMillis > lastMillis || (floorMillis == lastMillis && floorCounter > lastCounter)) {
      lastMillis = floorMillis;
      lastCounter = floorCounter;
    }
    return next();
  }

  /** The time part of a version 7 id. */
  public static long millis(UUID id) {
    return id.getMostSignificantBits() >>> 16;
  }


  /** Orders ids as PostgreSQL's uuid type does: byte by byte, unsigned. UUID.compareTo is signed. */
  public static int compare(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  /** One past the last id: the next counter value, or the next millisecond when it runs out. */
  private void advance() {
    if (lastCounter < COUNTER_MAX) {
      lastCounter++;
    } else if (lastMillis < MAX_MILLIS) {
      lastMillis++;
      lastCounter = 0;
    } else {
      throw new IllegalStateException("no version 7 UUID is left after the year 10889");
    }
  }

  private static UUID compose(long millis, long counter, long randomBits) {
    return new UUID((millis << 16) | VERSION | counter, VARIANT | randomBits);
  }
}
