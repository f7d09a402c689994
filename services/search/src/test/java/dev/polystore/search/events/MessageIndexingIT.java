package dev.polystore.search.events;

import static dev.polystore.search.events.MessageEvents.deleted;
import static dev.polystore.search.events.MessageEvents.edited;
import static dev.polystore.search.events.MessageEvents.posted;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.devstack.Devstack;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.events.EventsConfig;
import dev.polystore.platform.events.OutboxRow;
import dev.polystore.platform.testing.ServedModule;
import dev.polystore.platform.valkey.ValkeyConfig;
import dev.polystore.platform.valkey.ValkeyEventStream;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.platform.valkey.streams.StreamConsumer;
import dev.polystore.platform.valkey.streams.StreamConsumerConfig;
import dev.polystore.platform.valkey.testing.ConsumerCrash;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.lucene.LuceneVectorStore;
import dev.polystore.search.SearchModule;
import dev.polystore.search.domain.Indexing;
import dev.polystore.search.domain.NewDocument;
import dev.polystore.search.embedding.MiniLmEmbedder;
import dev.polystore.search.store.VectorSearchIndex;
import dev.polystore.search.v1.QueryMode;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.SearchHit;
import dev.polystore.search.v1.SearchServiceGrpc;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat messages become searchable by meaning: messenger's events, published to its stream as the
 * relay publishes them, indexed by search's consumer group, on the embedded engine and a real Valkey.
 */
class MessageIndexingIT {
  /**
   * The bound within which a published message is found by meaning (and an edit or delete seen):
   * 10 s, for a 2-core machine under a parallel build (seen: 4.9 s at load 16); idle it is
   * milliseconds (docs/benchmarks.md).
   */
  static final Duration FOUND_WITHIN = Duration.ofSeconds(10);
  private static final String PREFIX = "it-events-";
  private static final String STREAM = EventsConfig.streamOf("messenger");
  private static final StreamConsumerConfig EVENTS = new StreamConsumerConfig(3, Duration.ofMillis(500), 10,
      Duration.ofMillis(100));
  private static final MiniLmEmbedder EMBEDDER = new MiniLmEmbedder();

  @TempDir
  static Path data;
  private static ValkeyConfig valkey;
  private static VectorStore vectors;
  private static ServedModule<SearchModule> served;
  private static ValkeyEventStream messenger;

  @BeforeAll
  static void start() throws InterruptedException {
    valkey = ValkeyConfig.fromEnv(new Env(Devstack.valkey().env()));
    vectors = new LuceneVectorStore(data);
    served = new ServedModule<>(SearchModule.create(vectors, EMBEDDER, PREFIX, new ValkeyStore(valkey), EVENTS))
        .awaitServing(Duration.ofSeconds(60));
    messenger = new ValkeyEventStream(valkey, STREAM, 100_000, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    messenger.close();
    served.close();
  }

  private static List<SearchHit> byMeaning(String workspace, String text) {
    return SearchServiceGrpc.newBlockingStub(served.channel).withDeadlineAfter(20, TimeUnit.SECONDS)
        .query(QueryRequest.newBuilder().setWorkspaceId(workspace).setText(text).setMode(QueryMode.QUERY_MODE_VECTOR)
            .setTopK(3).build()).getHitsList();
  }

  private static String top(String workspace, String text) {
    List<SearchHit> hits = byMeaning(workspace, text);
    return hits.isEmpty() ? "" : hits.get(0).getId();
  }

  /** Every document id in the workspace's namespace, read from the store, repeats included. */
  private static List<String> documents(String workspace) {
    String namespace = PREFIX + workspace;
    var schema = vectors.schema(namespace);
    if (schema.isEmpty()) {
      return List.of();
    }
    float[] probe = new float[schema.get().dimension()];
    probe[0] = 1;
    return vectors.query(namespace, new VectorQuery(new dev.polystore.platform.vector.Ranking.Nearest(probe), null,
        1000, schema.get().attributes())).stream().map(ScoredDocument::id).toList();
  }

  @Test
  void aPostedMessageIsFoundByMeaningAndEditsAndDeletesFollow() {
    String workspace = UUID.randomUUID().toString();
    String room = UUID.randomUUID().toString();
    String budget = UUID.randomUUID().toString();
    messenger.publish(List.of(
        posted(workspace, room, UUID.randomUUID().toString(), "my cat knocked the plant off the windowsill again"),
        posted(workspace, room, budget, "finance moved the quarterly budget review to thursday afternoon"),
        posted(workspace, room, UUID.randomUUID().toString(), "who wants to grab tacos for lunch today")));

    String id = MessageIndexer.documentId(budget);
    await().atMost(FOUND_WITHIN).until(() -> top(workspace, "when do we go over the money plans?").equals(id));
    SearchHit hit = byMeaning(workspace, "when do we go over the money plans?").get(0);
    assertEquals("finance moved the quarterly budget review to thursday afternoon", hit.getText());
    assertEquals("message", hit.getAttributesMap().get("kind").getStringValue());
    assertEquals(room, hit.getAttributesMap().get("room_id").getStringValue());

    messenger.publish(List.of(edited(workspace, room, budget, "the hiking trip up the mountain is on saturday")));
    await().atMost(FOUND_WITHIN).until(() -> top(workspace, "an outdoor walk in the hills").equals(id));
    assertEquals("the hiking trip up the mountain is on saturday", byMeaning(workspace, "hiking").get(0).getText());

    messenger.publish(List.of(deleted(workspace, room, budget)));
    await().atMost(FOUND_WITHIN).until(() -> !documents(workspace).contains(id));
    assertEquals(2, documents(workspace).size(), "the other two messages stay");
  }

  @Test
  void aWorkspaceWithVectorsOfItsOwnDimensionSkipsMessagesWithoutDeadLetters() {
    String workspace = UUID.randomUUID().toString();
    new Indexing(new VectorSearchIndex(vectors, PREFIX), EMBEDDER).upsert(workspace, List.of(
        new NewDocument("own", "", new float[] {1, 0, 0, 0}, Map.of())));
    String room = UUID.randomUUID().toString();
    messenger.publish(List.of(posted(workspace, room, UUID.randomUUID().toString(), "not searchable here")));
    String later = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    messenger.publish(List.of(posted(other, room, later, "a message of another workspace")));

    // Stream order: once the later message is indexed, the skipped one was handled (acknowledged).
    await().atMost(FOUND_WITHIN).until(() -> documents(other).contains(MessageIndexer.documentId(later)));
    assertEquals(List.of("own"), documents(workspace));
    try (ValkeyStore bus = new ValkeyStore(valkey)) {
      bus.migrate();
      assertEquals(0, bus.primary().sync().xpending(STREAM, MessageIndexer.GROUP).getCount());
      assertEquals(0, bus.primary().sync().exists(StreamConsumer.deadLetterStream(STREAM, MessageIndexer.GROUP)));
    }
  }

  @Test
  void aConsumerKilledMidBatchLosesNothingAndIndexesNothingTwice() {
    String workspace = UUID.randomUUID().toString();
    String room = UUID.randomUUID().toString();
    String stream = "events:{killed-" + UUID.randomUUID() + "}";
    List<OutboxRow> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(posted(workspace, room, UUID.randomUUID().toString(), "message number " + i + " about the weather"));
    }
    Indexing indexing = new Indexing(new VectorSearchIndex(vectors, PREFIX), EMBEDDER);
    MessageIndexer indexer = new MessageIndexer(indexing);
    try (ValkeyEventStream publisher = new ValkeyEventStream(valkey, stream, 100_000, Clock.systemUTC());
        ValkeyStore bus = new ValkeyStore(valkey)) {
      publisher.publish(rows);
      ConsumerCrash.killAfter(bus, stream, MessageIndexer.GROUP, indexer, 4, EVENTS); // the 4th indexed, not acknowledged
      assertEquals(4, documents(workspace).size());
      ConsumerCrash.claimRest(bus, stream, MessageIndexer.GROUP, indexer, 7, EVENTS); // 6 never handled + the 4th again
    }
    List<String> ids = documents(workspace);
    assertEquals(10, ids.size(), "every message indexed, none twice: " + ids);
    assertEquals(10, ids.stream().distinct().count());
  }
}
