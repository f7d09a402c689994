package dev.polystore.platform.valkey.streams;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalValkey;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.valkey.ValkeyConfig;
import dev.polystore.platform.valkey.ValkeyStore;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The consumer-group reader on a real Valkey (devstack): delivery, claims, dead letters, a wiped store. */
class StreamConsumerIT {
  /** Short claim idle time, so that claims and dead letters happen within a test. */
  private static final StreamConsumerConfig CONFIG =
      new StreamConsumerConfig(3, Duration.ofMillis(300), 10, Duration.ofMillis(100));
  private static final Duration BOUND = Duration.ofSeconds(20);

  private static LocalValkey valkey;
  private static ValkeyStore store;

  /** Micrometer's global composite counts nothing until a registry joins it (the gateway's Prometheus one). */
  private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

  @BeforeAll
  static void connect() {
    Metrics.addRegistry(METERS);
    valkey = Devstack.valkey();
    store = new ValkeyStore(ValkeyConfig.fromEnv(new Env(valkey.env())));
    store.migrate();
  }

  @AfterAll
  static void close() {
    store.close();
    Metrics.removeRegistry(METERS);
  }

  private static RedisClusterCommands<String, String> redis() {
    return store.primary().sync();
  }

  private static String newStream() {
    return "events:{test-" + UUID.randomUUID() + "}";
  }

  private static List<String> append(String stream, int from, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      redis().xadd(stream, Map.of("id", "event-" + i, "type", "test.happened", "data", "payload " + i));
      ids.add("event-" + i);
    }
    return ids;
  }

  private static StreamConsumer consumer(String stream, String name, StreamHandler handler) {
    StreamConsumer consumer = new StreamConsumer(store, stream, "group", name, handler, List.of(), CONFIG);
    consumer.start(() -> true);
    return consumer;
  }

  private static long pending(String stream) {
    return redis().xpending(stream, "group").getCount();
  }

  @Test
  void handsEveryEntryToTheHandlerAndAcknowledgesIt() {
    String stream = newStream();
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    List<String> expected = append(stream, 0, 25); // before the group exists: read from the start
    try (StreamConsumer consumer = consumer(stream, "a", entry -> handled.add(entry.text("id")))) {
      expected.addAll(append(stream, 25, 25));
      await().atMost(BOUND).until(() -> handled.size() >= 50 && pending(stream) == 0);
    }
    assertEquals(expected, handled, "each entry once, in stream order");
  }

  @Test
  void entriesOfAConsumerKilledMidBatchAreClaimedByAnother() {
    String stream = newStream();
    List<String> expected = append(stream, 0, 10); // one batch of 10
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<StreamConsumer> first = new AtomicReference<>();
    StreamConsumer killed = new StreamConsumer(store, stream, "group", "first", entry -> {
      handled.add(entry.text("id"));
      if (entry.text("id").equals("event-3")) {
        first.get().stop(); // dies after the 4th entry's work, before its XACK
        throw new IllegalStateException("killed");
      }
    }, List.of(), CONFIG);
    first.set(killed);
    killed.start(() -> true);
    await().atMost(BOUND).until(() -> handled.contains("event-3"));
    killed.close();
    assertEquals(List.of("event-0", "event-1", "event-2", "event-3"), handled);
    assertEquals(6 + 1, pending(stream), "the rest of the batch and the unacknowledged 4th stay pending");

    try (StreamConsumer second = consumer(stream, "second", entry -> handled.add(entry.text("id")))) {
      await().atMost(BOUND).until(() -> pending(stream) == 0 && handled.size() >= 11);
    }
    assertEquals(expected, handled.stream().distinct().sorted().toList(), "nothing lost");
    assertEquals(11, handled.size(), "only the entry without XACK came twice: " + handled);
  }

  @Test
  void aPoisonEntryGoesToTheDeadLetterStreamAfterTheLastAttempt() {
    String stream = newStream();
    Counter deadLetters = METERS.counter("polystore.events.dead_letters",
        "messaging.destination.name", stream, "messaging.consumer.group.name", "group");
    AtomicInteger poisonAttempts = new AtomicInteger();
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    append(stream, 0, 2);
    redis().xadd(stream, Map.of("id", "poison", "type", "test.happened", "data", "not what the handler reads"));
    append(stream, 2, 2);
    try (StreamConsumer consumer = consumer(stream, "a", entry -> {
      if (entry.text("id").equals("poison")) {
        poisonAttempts.incrementAndGet();
        throw new IllegalArgumentException("cannot read it");
      }
      handled.add(entry.text("id"));
    })) {
      String dead = StreamConsumer.deadLetterStream(stream, "group");
      await().atMost(BOUND).until(() -> redis().xlen(dead) == 1 && pending(stream) == 0);
      StreamMessage<String, String> letter = redis().xrange(dead, io.lettuce.core.Range.unbounded()).get(0);
      assertEquals("poison", letter.getBody().get("id"));
      assertEquals("not what the handler reads", letter.getBody().get("data"));
      assertEquals("3", letter.getBody().get("deliveries"));
    }
    assertEquals(3, poisonAttempts.get(), "EVENTS_MAX_ATTEMPTS deliveries, then no more");
    assertEquals(1.0, deadLetters.count());
    assertEquals(List.of("event-0", "event-1", "event-2", "event-3"), handled, "the poison holds up nothing");
  }

  @Test
  void aBatchThatFailsIsHandledEntryByEntrySoThePoisonFailsAlone() {
    String stream = newStream();
    List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    List<String> singles = Collections.synchronizedList(new ArrayList<>());
    append(stream, 0, 2);
    redis().xadd(stream, Map.of("id", "poison", "type", "test.happened", "data", "unreadable"));
    append(stream, 2, 2);
    BatchHandler handler = new BatchHandler() {
      @Override
      public void handleAll(List<StreamEntry> entries) {
        batches.add(entries.stream().map(entry -> entry.text("id")).toList());
        if (entries.stream().anyMatch(entry -> entry.text("id").equals("poison"))) {
          throw new IllegalArgumentException("a batch with poison");
        }
      }

      @Override
      public void handle(StreamEntry entry) {
        if (entry.text("id").equals("poison")) {
          throw new IllegalArgumentException("cannot read it");
        }
        singles.add(entry.text("id"));
      }
    };
    try (StreamConsumer consumer = new StreamConsumer(store, stream, "group", "a", handler, List.of(), CONFIG)) {
      consumer.start(() -> true);
      await().atMost(BOUND).until(() -> redis().xlen(StreamConsumer.deadLetterStream(stream, "group")) == 1
          && pending(stream) == 0);
    }
    assertEquals(List.of("event-0", "event-1", "poison", "event-2", "event-3"), batches.get(0), "read as one batch");
    assertEquals(List.of("event-0", "event-1", "event-2", "event-3"), singles, "then one by one, each once");
  }

  @Test
  void aStoreOutageOfTheHandlerIsRetriedInPlaceAndCountsNoAttempt() {
    String stream = newStream();
    AtomicInteger calls = new AtomicInteger();
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    append(stream, 0, 1);
    try (StreamConsumer consumer = consumer(stream, "a", entry -> {
      if (calls.incrementAndGet() <= 5) { // more failures than EVENTS_MAX_ATTEMPTS
        throw ServiceException.unavailable("store away", null);
      }
      handled.add(entry.text("id"));
    })) {
      await().atMost(BOUND).until(() -> handled.size() == 1 && pending(stream) == 0);
    }
    assertEquals(0, redis().exists(StreamConsumer.deadLetterStream(stream, "group")));
  }

  @Test
  void afterFlushallTheGroupIsCreatedAgainAndRepublishedEntriesAreRead() {
    String stream = newStream();
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    try (StreamConsumer consumer = consumer(stream, "a", entry -> handled.add(entry.text("id")))) {
      append(stream, 0, 5);
      await().atMost(BOUND).until(() -> handled.size() == 5);
      redis().flushall();
      // What the relay does after a wipe: publish again what is recent, plus what is new.
      append(stream, 0, 8);
      await().atMost(BOUND).until(() -> handled.size() == 13 && pending(stream) == 0);
    }
    assertEquals(8, handled.stream().distinct().count());
  }

  @Test
  void aValkeyRestartIsRecoveredFromWithoutHelp() {
    String stream = newStream();
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    try (StreamConsumer consumer = consumer(stream, "a", entry -> handled.add(entry.text("id")))) {
      append(stream, 0, 3);
      await().atMost(BOUND).until(() -> handled.size() == 3);
      valkey.stop();
      await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
      valkey.start(); // same port, empty
      await().atMost(BOUND).ignoreExceptions().until(() -> {
        append(stream, 3, 1);
        return true;
      });
      await().atMost(BOUND).until(() -> handled.contains("event-3"));
    }
    assertTrue(handled.containsAll(List.of("event-0", "event-1", "event-2", "event-3")));
  }
}
