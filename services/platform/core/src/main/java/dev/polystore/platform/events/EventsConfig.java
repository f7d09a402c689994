package dev.polystore.platform.events;

import dev.polystore.platform.config.Env;
import java.time.Duration;

/**
 * How a service's outbox is relayed to its stream (docs/architecture.md, Configuration).
 *
 * @param stream the stream key, {@code events:{<service>}}: hash-tagged, so the stream and its
 *     marker live in one slot of a cluster
 * @param interval the pause between polls of the outbox while it is empty
 * @param batchSize rows claimed, published and marked sent per transaction
 * @param maxLength the stream's approximate length cap (XADD MAXLEN ~)
 * @param retention how long the stream keeps an entry (XTRIM MINID ~), and how long the outbox
 *     keeps a sent row to publish again after a wipe; at most 24 hours
 */
public record EventsConfig(String stream, Duration interval, int batchSize, long maxLength, Duration retention) {
  public static final String RELAY_INTERVAL_MS = "EVENTS_RELAY_INTERVAL_MS";
  public static final String RELAY_BATCH_SIZE = "EVENTS_RELAY_BATCH_SIZE";
  public static final String STREAM_MAX_LENGTH = "EVENTS_STREAM_MAX_LENGTH";
  public static final String STREAM_RETENTION_HOURS = "EVENTS_STREAM_RETENTION_HOURS";

  public static EventsConfig fromEnv(Env env, String service) {
    return new EventsConfig(streamOf(service),
        Duration.ofMillis(env.integer(RELAY_INTERVAL_MS, 100, 10, 60_000)),
        env.integer(RELAY_BATCH_SIZE, 100, 1, 1000),
        env.integer(STREAM_MAX_LENGTH, 100_000, 1000, 100_000_000),
        Duration.ofHours(env.integer(STREAM_RETENTION_HOURS, 24, 1, 24)));
  }

  /** {@code events:{accounts}}, the design's key of a producing service's stream. */
  public static String streamOf(String service) {
    return "events:{" + service + "}";
  }
}
