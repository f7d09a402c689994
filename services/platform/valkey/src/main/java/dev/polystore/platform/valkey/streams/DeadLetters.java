package dev.polystore.platform.valkey.streams;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an entry that failed every attempt out of its group's way: a copy to
 * {@code <stream>:dead:<group>} (same hash tag, so the same cluster slot), then the XACK. A crash
 * between the two leaves a second copy, never a lost entry.
 */
final class DeadLetters {
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
  /** Dead letters wait for an operator, not for ever: the stream keeps about this many. */
  static final long MAX_LENGTH = 10_000;

  private final String stream;
  private final String group;
  private final String deadStream;
  private final StreamMetrics metrics;

  DeadLetters(String stream, String group, StreamMetrics metrics) {
    this.stream = stream;
    this.group = group;
    this.deadStream = StreamConsumer.deadLetterStream(stream, group);
    this.metrics = metrics;
  }

  void move(RedisClusterCommands<String, byte[]> commands, String entryId, long deliveries) {
    List<StreamMessage<String, byte[]>> found = commands.xrange(stream, Range.create(entryId, entryId));
    if (!found.isEmpty()) {
      Map<String, byte[]> body = new LinkedHashMap<>(found.get(0).getBody());
      body.put("stream_id", entryId.getBytes(StandardCharsets.UTF_8));
      body.put("deliveries", Long.toString(deliveries).getBytes(StandardCharsets.UTF_8));
      commands.xadd(deadStream, XAddArgs.Builder.maxlen(MAX_LENGTH).approximateTrimming(), body);
      metrics.deadLettered();
      log.warn("{} ({}): entry {} failed {} deliveries; moved to {}", stream, group, entryId, deliveries, deadStream);
    }
    // Gone from the stream (trimmed): nothing to keep, only the pending entry to drop.
    commands.xack(stream, group, entryId);
  }
}
