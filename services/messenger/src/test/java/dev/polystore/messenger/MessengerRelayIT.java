package dev.polystore.messenger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalValkey;
import dev.polystore.messenger.v1.Room;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.events.EventsConfig;
import dev.polystore.platform.events.OutboxRelay;
import dev.polystore.platform.postgres.PostgresOutbox;
import dev.polystore.platform.postgres.PostgresPools;
import dev.polystore.platform.postgres.PostgresStore;
import dev.polystore.platform.postgres.testing.OutboxContents;
import dev.polystore.platform.valkey.EventBusConfig;
import dev.polystore.platform.valkey.ValkeyConfig;
import dev.polystore.platform.valkey.ValkeyEventStream;
import dev.polystore.platform.valkey.testing.StreamEntries;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The relay publishes messenger's outbox to its Valkey stream: each event once with two relays
 * racing, everything again after a FLUSHALL under writes, and on by itself after Valkey was away.
 * The module relays as the host runs it; a second relay of its own reads the same database.
 */
class MessengerRelayIT {
  private static final LocalValkey valkey = Devstack.valkey();
  /** A stream of this class's own: other test classes on the same Valkey see none of it. */
  private static final String STREAM = "events:{messenger-it-" + UUID.randomUUID() + "}";
  private static final EventsConfig EVENTS = new EventsConfig(STREAM, Duration.ofMillis(20), 20, 1_000_000,
      Duration.ofHours(24));
  private static final EventBusConfig BUS = new EventBusConfig(
      ValkeyConfig.fromEnv(new Env(Map.of(ValkeyConfig.URL, valkey.url()))), EVENTS);

  /** Joined to the process's global registry, whose composite alone records nothing. */
  private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

  @RegisterExtension
  static final MessengerClient messenger = new MessengerClient(config -> MessengerModule.create(config, BUS));

  @BeforeAll
  static void recordMeters() {
    Metrics.addRegistry(METERS);
  }

  @AfterAll
  static void stopRecordingMeters() {
    Metrics.removeRegistry(METERS);
  }

  @Test
  void twoRelaysPublishEachEventOnce() throws Exception {
    awaitIntact(); // no publishing again after another test's wipe: only this test's events count
    Set<String> before = outboxIds();
    try (OutboxRelay second = secondRelay()) {
      second.start(() -> true);
      Room room = messenger.createRoom(UUID.randomUUID(), "raced", AUTHOR);
      for (int i = 0; i < 300; i++) {
        messenger.post(room, AUTHOR, "message " + i);
      }
      awaitAllSent();
    }

    Set<String> ours = outboxIds();
    ours.removeAll(before);
    List<String> published = StreamEntries.read(valkey.url(), STREAM).stream().map(StreamEntries.Entry::id)
        .filter(ours::contains).toList();
    assertEquals(301, ours.size());
    assertEquals(ours.size(), published.size(), "one stream entry per event");
    assertEquals(ours, Set.copyOf(published));
  }

  @Test
  void afterAFlushallUnderWritesEveryCommittedEventIsOnTheStreamAgain() throws Exception {
    Room room = messenger.createRoom(UUID.randomUUID(), "flushed", AUTHOR);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger posted = new AtomicInteger();
    Thread writer = new Thread(() -> {
      while (writing.get()) {
        messenger.post(room, AUTHOR, "under load " + posted.incrementAndGet());
      }
    });
    writer.start();
    try {
      awaitPosted(posted, 50);
      valkey.flushAll();
      awaitPosted(posted, posted.get() + 50);
    } finally {
      writing.set(false);
      writer.join();
    }
    awaitAllSent();

    awaitStreamHolds(outboxIds());
  }

  @Test
  void theRelayResumesByItselfWhenValkeyComesBack() throws Exception {
    Room room = messenger.createRoom(UUID.randomUUID(), "outage", AUTHOR);
    valkey.stop();
    try {
      // Writes go on while the bus is away: their events wait in the outbox.
      for (int i = 0; i < 20; i++) {
        messenger.post(room, AUTHOR, "while away " + i);
      }
      assertTrue(unsent() > 0, "events wait in the outbox while Valkey is away");
      // The lag gauge grows meanwhile (read from the outbox at most once a second).
      Instant limit = Instant.now().plusSeconds(30);
      while (lagSeconds() < 1 && Instant.now().isBefore(limit)) {
        Thread.sleep(100);
      }
      assertTrue(lagSeconds() >= 1, "polystore.events.outbox.lag shows the waiting events");
    } finally {
      valkey.start();
    }
    awaitAllSent();

    awaitStreamHolds(outboxIds());
  }

  private static final UUID AUTHOR = UUID.randomUUID();

  private static OutboxRelay secondRelay() {
    PostgresPools pools = ((PostgresStore) messenger.served.module.store()).pools();
    return new OutboxRelay("messenger-second", new PostgresOutbox(pools.writer()), ValkeyEventStream.of(BUS), EVENTS,
        Clock.systemUTC());
  }

  private static void awaitIntact() throws InterruptedException {
    StreamEntries.awaitIntact(valkey.url(), STREAM);
  }

  private static void awaitPosted(AtomicInteger posted, int atLeast) throws InterruptedException {
    Instant limit = Instant.now().plusSeconds(60);
    while (posted.get() < atLeast && Instant.now().isBefore(limit)) {
      Thread.sleep(10);
    }
  }

  private static void awaitAllSent() throws Exception {
    Instant limit = Instant.now().plusSeconds(60);
    while (unsent() > 0 && Instant.now().isBefore(limit)) {
      Thread.sleep(50);
    }
    assertEquals(0, unsent(), "every event sent within 60 s");
  }

  /** Publishing again after a wipe runs in the relay's next rounds: wait for the stream to hold them all. */
  private static void awaitStreamHolds(Set<String> expected) throws Exception {
    Set<String> missing = StreamEntries.missingAfterWaiting(valkey.url(), STREAM, expected);
    assertTrue(missing.isEmpty(), () -> missing.size() + " committed events missing from the stream, the first "
        + missing.iterator().next());
  }

  private static Set<String> outboxIds() throws Exception {
    try (Connection connection = messenger.served.connect()) {
      return OutboxContents.rows(connection).stream().map(OutboxContents.Row::eventId)
          .collect(Collectors.toCollection(java.util.HashSet::new));
    }
  }

  private static double lagSeconds() {
    return METERS.get("polystore.events.outbox.lag").tag("stream", STREAM).tag("service", MessengerModule.NAME).gauge().value();
  }

  private static long unsent() throws Exception {
    try (Connection connection = messenger.served.connect()) {
      return OutboxContents.rows(connection).stream().filter(row -> !row.sent()).count();
    }
  }
}
