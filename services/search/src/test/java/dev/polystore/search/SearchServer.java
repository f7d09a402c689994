package dev.polystore.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.platform.grpc.GrpcServer;
import dev.polystore.platform.service.ServiceHost;
import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.search.embedding.MiniLmEmbedder;
import dev.polystore.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * SearchService as it runs for real: a ServiceHost with the module on a given vector store, served
 * by GrpcServer on a loopback port, and a real channel to it. The store stays reachable from the
 * test, to show what a workspace holds.
 */
final class SearchServer implements AutoCloseable {
  static final String SERVICE = "polystore.search.v1.SearchService";
  static final String PREFIX = "it-ws-";
  /** One model per test JVM: loading it takes a second. */
  static final MiniLmEmbedder EMBEDDER = new MiniLmEmbedder();

  final VectorStore vectors;
  final ServiceHost host;
  final GrpcServer server;
  final ManagedChannel channel;

  private SearchServer(VectorStore vectors) {
    this.vectors = vectors;
    host = new ServiceHost(List.of(SearchModule.create(vectors, EMBEDDER, PREFIX))).start();
    server = GrpcServer.start("127.0.0.1", 0, host.platform(), host.rawServices());
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  /** Starts a server on {@code vectors} and waits until it reports SERVING. */
  static SearchServer startServing(VectorStore vectors) throws InterruptedException {
    SearchServer server = new SearchServer(vectors);
    Instant end = Instant.now().plus(Duration.ofSeconds(60));
    while (server.status() != ServingStatus.SERVING && Instant.now().isBefore(end)) {
      Thread.sleep(100);
    }
    assertEquals(ServingStatus.SERVING, server.status());
    return server;
  }

  SearchServiceGrpc.SearchServiceBlockingStub search() {
    return SearchServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  ServingStatus status() {
    try {
      return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService(SERVICE).build()).getStatus();
    } catch (RuntimeException e) {
      return ServingStatus.UNKNOWN;
    }
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
    channel.shutdownNow();
    server.stop(Duration.ofSeconds(2));
    host.close();
  }
}
