package dev.polystore.platform.valkey.streams;

import dev.polystore.platform.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * How event consumers read their streams (docs/architecture.md, Configuration).
 *
 * @param maxAttempts deliveries of one entry before it moves to the dead-letter stream
 * @param claimIdle how long an entry stays pending (its consumer died, or its handler failed)
 *     before another delivery claims it; longer than any handler takes
 * @param batchSize entries read or claimed at once
 * @param block how long one read waits for new entries; kept below the Valkey command timeout
 */
public record StreamConsumerConfig(int maxAttempts, Duration claimIdle, int batchSize, Duration block) {
  public static final String MAX_ATTEMPTS = "EVENTS_MAX_ATTEMPTS";
  public static final String CLAIM_IDLE_MS = "EVENTS_CLAIM_IDLE_MS";
  public static final String BATCH_SIZE = "EVENTS_BATCH_SIZE";
  public static final String BLOCK_MS = "EVENTS_BLOCK_MS";

  public static StreamConsumerConfig fromEnv(Env env) {
    return new StreamConsumerConfig(
        env.integer(MAX_ATTEMPTS, 5, 1, 100),
        Duration.ofMillis(env.integer(CLAIM_IDLE_MS, 30_000, 100, 3_600_000)),
        env.integer(BATCH_SIZE, 100, 1, 1_000),
        Duration.ofMillis(env.integer(BLOCK_MS, 500, 10, 60_000)));
  }

  /** The defaults, as {@link #fromEnv} gives them for an empty environment. */
  public static StreamConsumerConfig defaults() {
    return fromEnv(new Env(Map.of()));
  }
}
