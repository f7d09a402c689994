package dev.polystore.search;


import dev.polystore.platform.testing.ServedModule;
import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.search.embedding.MiniLmEmbedder;
import dev.polystore.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * SearchService as it runs for real (see {@link ServedModule}) on a given vector store, which stays
 * reachable from the test, to show what a workspace holds.
 */
final class SearchServer implements AutoCloseable {
  static final String PREFIX = "it-ws-";
  /** One model per test JVM: loading it takes a second. */
  static final MiniLmEmbedder EMBEDDER = new MiniLmEmbedder();

  final VectorStore vectors;
  final ServedModule<SearchModule> served;
  final ManagedChannel channel;

  private SearchServer(VectorStore vectors) {
    this.vectors = vectors;
    served = new ServedModule<>(SearchModule.create(vectors, EMBEDDER, PREFIX));
    channel = served.channel;
  }

  /** Starts a server on {@code vectors} and waits until it reports SERVING. */
  static SearchServer startServing(VectorStore vectors) throws InterruptedException {
    SearchServer server = new SearchServer(vectors);
    server.served.awaitServing(Duration.ofSeconds(60));
    return server;
  }

  SearchServiceGrpc.SearchServiceBlockingStub search() {
    return SearchServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  ServingStatus status() {
    return served.status();
  }

  /** Everything a workspace holds (schema, ids, texts, attributes), read from the store directly. */
  String contents(String workspaceId) {
    String namespace = PREFIX + workspaceId;
    Optional<NamespaceSchema> schema = vectors.schema(namespace);
    if (schema.isEmpty()) {
      return "no namespace";
    }
    float[] probe = new float[schema.get().dimension()];
    probe[0] = 1;
    Map<String, AttributeType> attributes = schema.get().attributes();
    List<ScoredDocument> all = vectors.query(namespace, new VectorQuery(new Ranking.Nearest(probe), null, 1000, attributes));
    return schema.get() + " " + all.stream().sorted(Comparator.comparing(ScoredDocument::id))
        .map(hit -> hit.id() + ":" + hit.text() + ":" + hit.attributes()).toList();
  }

  @Override
  public void close() {
    served.close();
  }
}
