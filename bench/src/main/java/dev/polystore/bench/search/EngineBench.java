package dev.polystore.bench.search;

import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import dev.polystore.platform.vector.lucene.LuceneVectorStore;
import dev.polystore.platform.vector.lucene.NearestSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.util.VectorUtil;

/**
 * The embedded engine on its own, one client: ingest rate, then recall@10 against brute force and
 * queries per second for each way of answering (every document scored, or each segment ranked by
 * its binary codes and a share of it scored), on the same index. The vectors are random unit
 * vectors, or with {@code -Dbench.engine.vectors=text} MiniLM embeddings of generated messages.
 * Each query set is run once to warm up, then timed.
 */
public final class EngineBench {
  private static final int DIMENSION = 384;
  private static final int K = 10;
  private static final int BATCH = 1000;

  private EngineBench() {}

  /** Indexes {@code count} random vectors and reports every way in {@code ways} on them. */
  static void run(int count, int queries, List<NearestSearch> ways) throws Exception {
    boolean text = "text".equals(System.getProperty("bench.engine.vectors", "random"));
    List<float[]> vectors = text ? unit(TextVectors.generate(count, 42)) : RandomVectors.generate(count, DIMENSION, 42);
    List<float[]> probes = text ? unit(TextVectors.generate(queries, 7)) : RandomVectors.generate(queries, DIMENSION, 7);
    System.out.println(text ? "vectors: MiniLM embeddings of generated messages" : "vectors: random unit vectors");
    List<Set<String>> truth = new ArrayList<>();
    for (float[] probe : probes) {
      Set<String> exact = new HashSet<>();
      RandomVectors.exactTop(vectors, probe, K).forEach(id -> exact.add(Integer.toString(id)));
      truth.add(exact);
    }
    Path data = Files.createTempDirectory("bench-engine");
    try (LuceneVectorStore store = new LuceneVectorStore(data, ways.get(0))) {
      store.migrate();
      long start = System.nanoTime();
      for (int from = 0; from < count; from += BATCH) {
        List<VectorDocument> batch = new ArrayList<>();
        for (int i = from; i < Math.min(count, from + BATCH); i++) {
          batch.add(new VectorDocument(Integer.toString(i), vectors.get(i), "", Map.of()));
        }
        store.write("engine", WriteBatch.upsert(batch));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "%d vectors of %d dimensions indexed in %.1f s: %.0f vectors/s (batches of %d)%n",
          count, DIMENSION, seconds, count / seconds, BATCH);
    }
    System.out.println("| documents | search | recall@10 | queries/s (1 client) | p50 ms |");
    System.out.println("|---:|---|---:|---:|---:|");
    for (NearestSearch way : ways) {
      try (LuceneVectorStore store = new LuceneVectorStore(data, way)) {
        measure(store, count, way, probes, truth); // warm-up
        measure(store, count, way, probes, truth).print();
      }
    }
  }

  /** Scaled to unit length, so that the brute-force dot product is the cosine similarity. */
  private static List<float[]> unit(List<float[]> vectors) {
    return vectors.stream().map(v -> VectorUtil.l2normalize(v.clone())).toList();
  }

  private static Row measure(LuceneVectorStore store, int count, NearestSearch way, List<float[]> probes,
      List<Set<String>> truth) {
    double found = 0;
    long[] nanos = new long[probes.size()];
    for (int q = 0; q < probes.size(); q++) {
      long start = System.nanoTime();
      List<ScoredDocument> hits = store.query("engine",
          new VectorQuery(new Ranking.Nearest(probes.get(q)), null, K, Map.of()));
      nanos[q] = System.nanoTime() - start;
      Set<String> exact = truth.get(q);
      found += hits.stream().filter(hit -> exact.contains(hit.id())).count();
    }
    long total = 0;
    for (long n : nanos) {
      total += n;
    }
    java.util.Arrays.sort(nanos);
    String search = count <= way.exactUpToDocs() ? "every document"
        : String.format(Locale.ROOT, "binary codes, best %.1f%% re-scored", 100 * way.rescoredShare());
    return new Row(count, search, found / (probes.size() * (double) K), probes.size() / (total / 1e9),
        nanos[nanos.length / 2] / 1e6);
  }

  private record Row(int documents, String search, double recall, double qps, double p50) {
    void print() {
      System.out.printf(Locale.ROOT, "| %d | %s | %.4f | %.0f | %.2f |%n", documents, search, recall, qps, p50);
    }
  }

  /**
   * {@code EngineBench COUNT QUERIES [share,...]}: every document first (unless
   * {@code -Dbench.engine.exact=false}), then each share of a segment re-scored.
   */
  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    int queries = Integer.parseInt(args[1]);
    List<NearestSearch> ways = new ArrayList<>();
    if (Boolean.parseBoolean(System.getProperty("bench.engine.exact", "true"))) {
      ways.add(new NearestSearch(Integer.MAX_VALUE, 1));
    }
    for (String share : (args.length > 2 ? args[2] : "0.01,0.02,0.03,0.05").split(",")) {
      ways.add(new NearestSearch(0, Double.parseDouble(share.trim())));
    }
    run(count, queries, ways);
    System.exit(0);
  }
}
