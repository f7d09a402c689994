package dev.polystore.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalValkey;
import dev.polystore.events.v1.Event;
import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.cassandra.outbox.CassandraOutbox;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.events.EventsConfig;
import dev.polystore.platform.events.OutboxRelay;
import dev.polystore.platform.valkey.EventBusConfig;
import dev.polystore.platform.valkey.ValkeyConfig;
import dev.polystore.platform.valkey.ValkeyEventStream;
import dev.polystore.platform.valkey.testing.StreamEntries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay publishes files' Cassandra outbox to its Valkey stream: each event once with two
 * relays racing (each leases other buckets), and everything again after a FLUSHALL. The server
 * relays as the gateway runs it; a second relay of the test's own reads the same keyspace.
 */
class FilesRelayIT {
  private static final LocalValkey valkey = Devstack.valkey();
  private static final byte[] BYTES = "relayed".getBytes(StandardCharsets.UTF_8);
  /** A stream of this class's own: other test classes on the same Valkey see none of it. */
  private static final String STREAM = "events:{files-it-" + UUID.randomUUID() + "}";
  private static final EventsConfig EVENTS = new EventsConfig(STREAM, Duration.ofMillis(20), 20, 1_000_000,
      Duration.ofHours(24));
  private static final EventBusConfig BUS = new EventBusConfig(
      ValkeyConfig.fromEnv(new Env(Map.of(ValkeyConfig.URL, valkey.url()))), EVENTS);
  private static FilesServer server;
  private static CassandraStore secondStore;
  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void start() throws InterruptedException {
    server = FilesServer.startServing(Map.of(), Optional.of(BUS));
    secondStore = new CassandraStore("files-second", server.keyspace.name, server.keyspace.config);
    secondStore.migrate(); // applied already: this opens the session
  }

  @AfterAll
  static void stop() {
    secondStore.close();
    server.close();
  }

  @Test
  void twoRelaysPublishEachEventOnce() throws Exception {
    awaitIntact(); // no publishing again after another test's wipe: only this test's events count
    try (OutboxRelay second = new OutboxRelay("files-second", new CassandraOutbox(secondStore, EVENTS.retention(),
        Clock.systemUTC()), ValkeyEventStream.of(BUS), EVENTS, Clock.systemUTC())) {
      second.start(() -> true);
      for (int i = 0; i < 40; i++) {
        complete(created());
      }
      awaitAllSent();
    }

    Set<String> ours = recorded();
    List<String> published = StreamEntries.read(valkey.url(), STREAM).stream().map(StreamEntries.Entry::id)
        .filter(ours::contains).toList();
    assertEquals(80, ours.size(), "40 uploads created and completed");
    assertEquals(ours.size(), published.size(), "one stream entry per event");
    assertEquals(ours, Set.copyOf(published));
  }

  @Test
  void aRetriedCompletionOfARelayedEventPublishesNothingAgain() throws Exception {
    awaitIntact(); // no publishing again after another test's wipe
    CreateUploadResponse created = created();
    complete(created);
    awaitAllSent();
    completeAgain(created); // READY already: its event is in the sent log, so it is not written again
    awaitAllSent();

    String completion = FileOutbox.sent(server.keyspace.cql(), workspace).stream()
        .filter(event -> event.getType().equals("upload.completed")).map(Event::getEventId).findFirst().orElseThrow();
    assertEquals(1, StreamEntries.read(valkey.url(), STREAM).stream().filter(entry -> entry.id().equals(completion))
        .count(), "the completion is on the stream once");
  }

  @Test
  void afterAFlushallEveryRelayedEventIsOnTheStreamAgain() throws Exception {
    for (int i = 0; i < 10; i++) {
      created();
    }
    awaitAllSent();
    Set<String> relayed = recorded();
    assertTrue(StreamEntries.ids(valkey.url(), STREAM).containsAll(relayed));

    valkey.flushAll();
    created(); // and writes go on

    awaitStreamHolds(recorded());
  }

  private CreateUploadResponse created() {
    return server.files().createUpload(CreateUploadRequest.newBuilder().setWorkspaceId(workspace)
        .setFilename("r.txt").setContentType("text/plain").setSizeBytes(BYTES.length)
        .setMethod(UploadMethod.UPLOAD_METHOD_PUT).build());
  }

  /** Uploads the bytes of a {@link #created} file and completes it. */
  private void complete(CreateUploadResponse created) throws Exception {
    assertEquals(200, Http.put(created.getPut(), BYTES).statusCode());
    completeAgain(created);
  }

  private void completeAgain(CreateUploadResponse created) {
    server.files().completeUpload(CompleteUploadRequest.newBuilder().setWorkspaceId(workspace)
        .setFileId(created.getFile().getFileId()).build());
  }

  /** The ids of every event this workspace's writes recorded, sent or not. */
  private Set<String> recorded() {
    return FileOutbox.all(server.keyspace.cql(), workspace).stream().map(Event::getEventId)
        .collect(Collectors.toCollection(HashSet::new));
  }

  private void awaitAllSent() throws InterruptedException {
    Instant limit = Instant.now().plusSeconds(60);
    while (!FileOutbox.unsent(server.keyspace.cql(), workspace).isEmpty() && Instant.now().isBefore(limit)) {
      Thread.sleep(50);
    }
    assertEquals(0, FileOutbox.unsent(server.keyspace.cql(), workspace).size(), "every event sent within 60 s");
  }

  private static void awaitIntact() throws InterruptedException {
    StreamEntries.awaitIntact(valkey.url(), STREAM);
  }

  private static void awaitStreamHolds(Set<String> expected) throws InterruptedException {
    Set<String> missing = StreamEntries.missingAfterWaiting(valkey.url(), STREAM, expected);
    assertTrue(missing.isEmpty(), () -> missing.size() + " relayed events missing from the stream");
  }
}
