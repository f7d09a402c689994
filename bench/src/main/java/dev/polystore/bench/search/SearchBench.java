package dev.polystore.bench.search;

import dev.polystore.bench.BenchGateway;
import dev.polystore.bench.BenchSuite;
import dev.polystore.bench.Comparison;
import dev.polystore.bench.LoadRunner;
import dev.polystore.bench.Measurement;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import dev.polystore.platform.vector.lucene.LuceneVectorStore;
import dev.polystore.search.v1.Document;
import dev.polystore.search.v1.QueryMode;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.SearchServiceGrpc;
import dev.polystore.search.v1.UpsertDocumentsRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The embedded vector engine: recall@10 of its HNSW search against exact brute force on random
 * 384-d vectors (bench.search.recall.vectors, 100000), and vector-query throughput through the
 * gateway against the same Lucene searches issued directly (bench.search.qps.vectors, 10000, loaded
 * the same way on both sides: 100 documents per write, as the RPC allows).
 */
public final class SearchBench implements BenchSuite {
  private static final int DIMENSION = 384;
  private static final int K = 10;

  @Override
  public String name() {
    return "search";
  }

  /** recall@10 over {@code queries} random queries, printed and returned. */
  public static double recall(int count, int queries) throws Exception {
    Path data = Files.createTempDirectory("bench-recall");
    List<float[]> vectors = RandomVectors.generate(count, DIMENSION, 42);
    try (LuceneVectorStore store = new LuceneVectorStore(data)) {
      store.migrate();
      long start = System.nanoTime();
      for (int from = 0; from < count; from += 5000) {
        List<VectorDocument> batch = new ArrayList<>();
        for (int i = from; i < Math.min(count, from + 5000); i++) {
          batch.add(new VectorDocument(Integer.toString(i), vectors.get(i), "", Map.of()));
        }
        store.write("recall", WriteBatch.upsert(batch));
      }
      System.out.printf(Locale.ROOT, "indexed %d vectors of %d dimensions in %.1f s%n", count, DIMENSION,
          (System.nanoTime() - start) / 1e9);
      double found = 0;
      for (float[] query : RandomVectors.generate(queries, DIMENSION, 7)) {
        Set<String> exact = new HashSet<>();
        RandomVectors.exactTop(vectors, query, K).forEach(id -> exact.add(Integer.toString(id)));
        List<ScoredDocument> hits = store.query("recall", new VectorQuery(new Ranking.Nearest(query), null, K, Map.of()));
        found += hits.stream().filter(hit -> exact.contains(hit.id())).count();
      }
      double recall = found / (queries * (double) K);
      System.out.printf(Locale.ROOT, "recall@%d over %d queries: %.4f (target >= 0.95)%n", K, queries, recall);
      return recall;
    }
  }

  @Override
  public List<Comparison> run(LoadRunner runner, List<Integer> clientCounts) throws Exception {
    int count = Integer.getInteger("bench.search.qps.vectors", 10_000);
    List<float[]> vectors = RandomVectors.generate(count, DIMENSION, 42);
    List<float[]> queries = RandomVectors.generate(1000, DIMENSION, 7);
    Path data = Files.createTempDirectory("bench-search");
    Map<String, String> env = Map.of("VECTOR_BACKEND", "embedded", "VECTOR_DATA_DIR", data.resolve("gateway").toString());
    String workspace = UUID.randomUUID().toString();
    List<Comparison> results = new ArrayList<>();
    try (BenchGateway gateway = BenchGateway.start("search", env);
        LuceneVectorStore direct = new LuceneVectorStore(data.resolve("direct"))) {
      direct.migrate();
      var stub = SearchServiceGrpc.newBlockingStub(gateway.channel());
      for (int from = 0; from < count; from += 100) {
        UpsertDocumentsRequest.Builder request = UpsertDocumentsRequest.newBuilder().setWorkspaceId(workspace);
        List<VectorDocument> batch = new ArrayList<>();
        for (int i = from; i < Math.min(count, from + 100); i++) {
          Document.Builder document = Document.newBuilder().setId(Integer.toString(i));
          for (float component : vectors.get(i)) {
            document.addVector(component);
          }
          request.addDocuments(document);
          batch.add(new VectorDocument(Integer.toString(i), vectors.get(i), "", Map.of()));
        }
        stub.withDeadlineAfter(60, TimeUnit.SECONDS).upsertDocuments(request.build());
        direct.write("direct", WriteBatch.upsert(batch));
      }
      awaitMerges();
      List<QueryRequest> requests = new ArrayList<>();
      for (float[] query : queries) {
        QueryRequest.Builder request = QueryRequest.newBuilder().setWorkspaceId(workspace).setTopK(K)
            .setMode(QueryMode.QUERY_MODE_VECTOR);
        for (float component : query) {
          request.addVector(component);
        }
        requests.add(request.build());
      }
      Map<Integer, Measurement> noOps = gateway.noOps(runner, clientCounts);
      for (int clients : clientCounts) {
        Measurement viaGateway = runner.run("Query-gateway", clients, (client, seq) ->
            stub.withDeadlineAfter(5, TimeUnit.SECONDS).query(requests.get((int) (seq % requests.size()))));
        Measurement viaLucene = runner.run("Query-direct", clients, (client, seq) ->
            direct.query("direct", new VectorQuery(new Ranking.Nearest(queries.get((int) (seq % queries.size()))),
                null, K, Map.of())));
        results.add(new Comparison("Query (vector, top 10 of " + count + ")", viaGateway, viaLucene,
            Optional.of(noOps.get(clients))));
      }
    }
    return results;
  }

  /**
   * Waits until Lucene has merged the segments of both indexes (its merge threads have ended): 100
   * commits leave merges running for a while, and whichever side was measured during them lost a
   * core to them and searched more segments (29% of a 1-client run's CPU samples were merges).
   */
  private static void awaitMerges() throws InterruptedException {
    long start = System.nanoTime();
    while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("Lucene Merge Thread"))) {
      if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(5)) {
        throw new IllegalStateException("Lucene's merges did not end within 5 minutes");
      }
      Thread.sleep(200);
    }
    System.out.printf(java.util.Locale.ROOT, "  merges settled in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  /**
   * Recall, then the gateway-versus-direct table: {@code ./mvnw -q -pl bench -am install -DskipTests
   * && ./mvnw -q -pl bench exec:java -Dbench.main=dev.polystore.bench.search.SearchBench}.
   */
  public static void main(String[] args) throws Exception {
    recall(Integer.getInteger("bench.search.recall.vectors", 100_000), Integer.getInteger("bench.search.recall.queries", 200));
    LoadRunner runner = LoadRunner.fromSystemProperties();
    List<Integer> clients = new ArrayList<>();
    for (String value : System.getProperty("bench.clients", "1,4,16").split(",")) {
      clients.add(Integer.parseInt(value.trim()));
    }
    List<Comparison> results = new SearchBench().run(runner, clients);
    System.out.println(Comparison.markdownHeader());
    results.forEach(result -> System.out.println(result.markdownRow()));
    System.exit(0);
  }
}
