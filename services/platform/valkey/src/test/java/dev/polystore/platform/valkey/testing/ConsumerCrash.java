package dev.polystore.platform.valkey.testing;

import static org.awaitility.Awaitility.await;

import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.platform.valkey.streams.StreamConsumer;
import dev.polystore.platform.valkey.streams.StreamConsumerConfig;
import dev.polystore.platform.valkey.streams.StreamHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A consumer that dies mid-batch, and the one that takes over: what the consumers' tests do to
 * show that nothing is lost and nothing done twice.
 */
public final class ConsumerCrash {
  private static final Duration BOUND = Duration.ofSeconds(30);

  private ConsumerCrash() {}

  /**
   * Runs consumer "first" of {@code group}: it handles entries until the {@code n}th, which it
   * handles and then dies before its XACK; the rest of its batch stays pending, unhandled. Returns
   * once it has stopped.
   */
  public static void killAfter(ValkeyStore bus, String stream, String group, StreamHandler handler, int n,
      StreamConsumerConfig config) {
    AtomicInteger handled = new AtomicInteger();
    AtomicReference<StreamConsumer> self = new AtomicReference<>();
    StreamConsumer first = new StreamConsumer(bus, stream, group, "first", entry -> {
      handler.handle(entry);
      if (handled.incrementAndGet() == n) {
        self.get().stop();
        throw new IllegalStateException("killed before XACK");
      }
    }, List.of(), config);
    self.set(first);
    first.start(() -> true);
    await().atMost(BOUND).until(() -> handled.get() == n);
    first.close();
  }

  /**
   * Runs consumer "second" of {@code group}, which claims the dead one's entries once they idled
   * the claim idle time; returns once it handled {@code count} entries.
   */
  public static void claimRest(ValkeyStore bus, String stream, String group, StreamHandler handler, int count,
      StreamConsumerConfig config) {
    AtomicInteger handled = new AtomicInteger();
    try (StreamConsumer second = new StreamConsumer(bus, stream, group, "second", entry -> {
      handler.handle(entry);
      handled.incrementAndGet();
    }, List.of(), config)) {
      second.start(() -> true);
      await().atMost(BOUND).until(() -> handled.get() >= count);
    }
  }
}
