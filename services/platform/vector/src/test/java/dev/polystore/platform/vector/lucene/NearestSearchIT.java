package dev.polystore.platform.vector.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.Filter;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ways a vector query runs on the embedded engine, on the same documents: scoring every
 * document (small namespaces) returns exactly the brute-force top k, in order, with filters and
 * deletions; ranking by binary codes and re-scoring a share (large namespaces) finds most of them,
 * and only live documents the filter lets through.
 */
class NearestSearchIT {
  private static final int DOCUMENTS = 3_000;
  private static final int DIMENSION = 48;
  private static final int K = 10;
  private static final String NAMESPACE = "nearest";

  @TempDir
  static Path data;
  private static LuceneVectorStore exact;
  private static LuceneVectorStore binary;
  private static final List<float[]> vectors = new ArrayList<>();

  @BeforeAll
  static void index() {
    exact = new LuceneVectorStore(data.resolve("exact"), new NearestSearch(Integer.MAX_VALUE, 1));
    binary = new LuceneVectorStore(data.resolve("binary"), new NearestSearch(0, NearestSearch.DEFAULT.rescoredShare()));
    Random random = new Random(11);
    for (int i = 0; i < DOCUMENTS; i++) {
      vectors.add(randomVector(random));
    }
    for (LuceneVectorStore store : List.of(exact, binary)) {
      store.migrate();
      for (int from = 0; from < DOCUMENTS; from += 500) { // several segments, as batches make them
        List<VectorDocument> batch = new ArrayList<>();
        for (int i = from; i < from + 500; i++) {
          batch.add(new VectorDocument(Integer.toString(i), vectors.get(i), "",
              Map.of("group", AttributeValue.of((long) (i % 3)))));
        }
        store.write(NAMESPACE, WriteBatch.upsert(batch));
      }
      store.write(NAMESPACE, new WriteBatch(List.of(), deleted().mapToObj(Integer::toString).toList()));
    }
  }

  @AfterAll
  static void close() {
    exact.close();
    binary.close();
  }

  @Test
  void scoringEveryDocumentReturnsTheBruteForceTopKInOrder() {
    Random random = new Random(5);
    for (int q = 0; q < 20; q++) {
      float[] query = randomVector(random);
      assertEquals(bruteForce(query, id -> true), ids(exact, query, null), "query " + q);
    }
  }

  @Test
  void scoringEveryDocumentHonoursFilters() {
    Random random = new Random(6);
    Filter groupOne = new Filter.Comparison("group", Filter.Operator.EQ, List.of(AttributeValue.of(1L)));
    for (int q = 0; q < 20; q++) {
      float[] query = randomVector(random);
      assertEquals(bruteForce(query, id -> id % 3 == 1), ids(exact, query, groupOne), "query " + q);
    }
  }

  @Test
  void rankingByBinaryCodesFindsMostOfTheTrueNeighbours() {
    Random random = new Random(7);
    int found = 0;
    int queries = 50;
    for (int q = 0; q < queries; q++) {
      float[] query = randomVector(random);
      List<String> truth = bruteForce(query, id -> true);
      List<String> hits = ids(binary, query, null);
      assertEquals(K, hits.size());
      assertTrue(hits.stream().noneMatch(id -> Integer.parseInt(id) % 7 == 0), "a deleted document came back");
      found += (int) hits.stream().filter(truth::contains).count();
    }
    double recall = found / (double) (queries * K);
    assertTrue(recall >= 0.9, "recall@10 ranking by binary codes was " + recall);
  }

  @Test
  void rankingByBinaryCodesHonoursFilters() {
    Random random = new Random(8);
    Filter groupOne = new Filter.Comparison("group", Filter.Operator.EQ, List.of(AttributeValue.of(1L)));
    for (int q = 0; q < 20; q++) {
      List<String> hits = ids(binary, randomVector(random), groupOne);
      assertEquals(K, hits.size());
      assertTrue(hits.stream().allMatch(id -> Integer.parseInt(id) % 3 == 1 && Integer.parseInt(id) % 7 != 0),
          "a hit outside the filter or deleted: " + hits);
    }
  }

  private static List<String> ids(LuceneVectorStore store, float[] query, Filter filter) {
    return store.query(NAMESPACE, new VectorQuery(new Ranking.Nearest(query), filter, K, Map.of())).stream()
        .map(ScoredDocument::id).toList();
  }

  /** The true top k among live documents that {@code accept} lets through, by cosine similarity. */
  private static List<String> bruteForce(float[] query, IntPredicate accept) {
    return IntStream.range(0, DOCUMENTS)
        .filter(id -> id % 7 != 0 && accept.test(id))
        .boxed()
        .sorted(Comparator.comparingDouble((Integer id) -> -VectorUtil.cosine(query, vectors.get(id))))
        .limit(K)
        .map(Object::toString)
        .toList();
  }

  /** Every seventh document is deleted after indexing. */
  private static IntStream deleted() {
    return IntStream.range(0, DOCUMENTS).filter(id -> id % 7 == 0);
  }

  private static float[] randomVector(Random random) {
    float[] vector = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return vector;
  }
}
