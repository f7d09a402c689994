package dev.polystore.platform.valkey.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What an event stream holds, read with a connection of the test's own (XRANGE, binary values). */
public final class StreamEntries {
  /** One entry's fields: the event id, its type and the Event bytes. */
  public record Entry(String id, String type, byte[] data) {}

  private StreamEntries() {}

  /** Every entry of {@code stream} on the Valkey at {@code url}, oldest first. */
  public static List<Entry> read(String url, String stream) {
    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, byte[]> connection =
        client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
      List<StreamMessage<String, byte[]>> messages = connection.sync().xrange(stream, io.lettuce.core.Range.create("-", "+"));
      return messages.stream().map(message -> new Entry(text(message.getBody().get("id")),
          text(message.getBody().get("type")), message.getBody().get("data"))).toList();
    } finally {
      client.shutdown();
    }
  }

  /** The distinct event ids on the stream. */
  public static Set<String> ids(String url, String stream) {
    return read(url, stream).stream().map(Entry::id).collect(Collectors.toSet());
  }

  /** The stream's marker ("intact" once the relay knows the stream holds its retention), or null. */
  public static String marker(String url, String stream) {
    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return connection.sync().get(stream + ":marker");
    } finally {
      client.shutdown();
    }
  }

  /** Waits up to a minute for the stream's marker to say "intact" (no publishing again under way). */
  public static void awaitIntact(String url, String stream) throws InterruptedException {
    Instant limit = Instant.now().plusSeconds(60);
    while (!"intact".equals(marker(url, stream)) && Instant.now().isBefore(limit)) {
      Thread.sleep(50);
    }
  }

  /**
   * Waits up to a minute for the stream to hold every id of {@code expected} (publishing again after
   * a wipe runs over the relay's next rounds); the ids still missing then, empty when none.
   */
  public static Set<String> missingAfterWaiting(String url, String stream, Set<String> expected)
      throws InterruptedException {
    Instant limit = Instant.now().plusSeconds(60);
    Set<String> onStream = ids(url, stream);
    while (!onStream.containsAll(expected) && Instant.now().isBefore(limit)) {
      Thread.sleep(100);
      onStream = ids(url, stream);
    }
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(onStream);
    return missing;
  }

  private static String text(byte[] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }
}
