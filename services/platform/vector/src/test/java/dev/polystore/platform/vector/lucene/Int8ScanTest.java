package dev.polystore.platform.vector.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.NeighborQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Int8Scan} over several segments' {@link Int8Codes}: its candidates always hold the true
 * top k by float score (ties included), alone or split over a helper, with a filter, and they are
 * few; the control, the best k by the byte estimates without their margins, misses some on this data.
 */
class Int8ScanTest {
  private static final int DIMENSION = 64;
  private static final int DOCUMENTS = 6_000;
  private static final int K = 10;
  private static final int QUERIES = 40;

  private static final List<float[]> vectors = new ArrayList<>();
  private static final List<float[]> queries = new ArrayList<>();
  private static final ScanHelpers oneHelper = new ScanHelpers(1);
  private static Directory directory;
  private static DirectoryReader reader;

  @BeforeAll
  static void index() throws IOException {
    Random random = new Random(5);
    for (int i = 0; i < DOCUMENTS; i++) {
      // every hundredth vector repeats the one before: ties, across segments too
      vectors.add(i % 100 == 1 ? vectors.get(i - 1) : NearestScanTest.randomUnitVector(random, DIMENSION));
    }
    directory = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(directory,
        new IndexWriterConfig().setCodec(VectorCodec.create()).setMaxBufferedDocs(1_000))) {
      for (float[] vector : vectors) {
        Document document = new Document();
        document.add(new KnnFloatVectorField("v", vector, VectorSimilarityFunction.DOT_PRODUCT));
        writer.addDocument(document);
      }
    }
    reader = DirectoryReader.open(directory);
    for (int q = 0; q < QUERIES; q++) {
      // half of the queries lie next to a document: a close top 1 and a wide gap to the rest
      float[] near = vectors.get(random.nextInt(DOCUMENTS)).clone();
      queries.add(q % 2 == 0 ? NearestScanTest.randomUnitVector(random, DIMENSION) : perturbed(near, random));
    }
  }

  @AfterAll
  static void close() throws IOException {
    oneHelper.close();
    reader.close();
    directory.close();
  }

  @Test
  void candidatesHoldTheTrueTopKWithTiesAloneOrSplit() throws IOException {
    assertTrue(reader.leaves().size() > 1, "one segment: the scan across segments goes untested");
    for (ScanHelpers helpers : List.of(ScanHelpers.NONE, oneHelper)) {
      for (float[] query : queries) {
        Set<Integer> candidates = candidates(query, null, helpers);
        Set<Integer> truth = atLeastKthBest(query, id -> true);
        assertTrue(candidates.containsAll(truth), "a true neighbour is not a candidate");
      }
    }
  }

  @Test
  void candidatesAreFew() throws IOException {
    long total = 0;
    for (float[] query : queries) {
      total += candidates(query, null, oneHelper).size();
    }
    double share = total / (double) (QUERIES * DOCUMENTS);
    assertTrue(share < 0.02, "share of documents that are candidates: " + share);
  }

  @Test
  void candidatesHoldTheFilteredTopKAndOnlyAcceptedDocuments() throws IOException {
    IntPredicate odd = id -> id % 2 == 1;
    for (float[] query : queries) {
      Set<Integer> candidates = candidates(query, odd, oneHelper);
      assertTrue(candidates.stream().allMatch(odd::test), "a candidate the filter does not let through");
      assertTrue(candidates.containsAll(atLeastKthBest(query, odd)), "a true neighbour is not a candidate");
    }
  }

  @Test
  void aZeroQueryKeepsEveryDocument() throws IOException {
    assertEquals(DOCUMENTS, candidates(new float[DIMENSION], null, oneHelper).size());
  }

  @Test
  void controlTheEstimatesAloneMissSomeTrueNeighbours() throws IOException {
    long misses = 0;
    for (float[] query : queries) {
      Int8Codes.Query quantized = Int8Codes.query(query);
      NeighborQueue best = new NeighborQueue(K, false);
      for (LeafReaderContext leaf : reader.leaves()) {
        Int8Codes codes = Int8Codes.of(leaf.reader().getFloatVectorValues("v"), false);
        float[] estimates = new float[codes.size()];
        float[] margins = new float[codes.size()];
        codes.bound(quantized, 0, codes.size(), null, estimates, margins, new NeighborQueue(1, false));
        for (int ord = 0; ord < codes.size(); ord++) {
          best.insertWithOverflow(leaf.docBase + codes.doc(ord), estimates[ord]);
        }
      }
      Set<Integer> byEstimate = new HashSet<>();
      while (best.size() > 0) {
        byEstimate.add(best.pop());
      }
      misses += byEstimate.containsAll(bruteForce(query, id -> true)) ? 0 : 1;
    }
    assertTrue(misses > 0, "the estimates alone found every true top k: this data cannot tell the margins' use");
  }

  /** The candidates as index-wide document ids. */
  private static Set<Integer> candidates(float[] query, IntPredicate accepted, ScanHelpers helpers) throws IOException {
    List<Int8Scan.Segment> segments = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Int8Codes codes = Int8Codes.of(leaf.reader().getFloatVectorValues("v"), false);
      segments.add(new Int8Scan.Segment(codes,
          accepted == null ? null : ord -> accepted.test(leaf.docBase + codes.doc(ord))));
    }
    int[][] ords = Int8Scan.candidates(segments, query, K, helpers);
    Set<Integer> ids = new HashSet<>();
    for (int s = 0; s < ords.length; s++) {
      for (int ord : ords[s]) {
        ids.add(reader.leaves().get(s).docBase + segments.get(s).codes().doc(ord));
      }
    }
    return ids;
  }

  private static List<Integer> bruteForce(float[] query, IntPredicate accepted) {
    return IntStream.range(0, DOCUMENTS).filter(accepted).boxed()
        .sorted(Comparator.comparingDouble((Integer id) -> -VectorUtil.dotProduct(query, vectors.get(id))))
        .limit(K)
        .toList();
  }

  /** Every accepted document whose float score is at least the k-th best's: the top k and its ties. */
  private static Set<Integer> atLeastKthBest(float[] query, IntPredicate accepted) {
    List<Integer> top = bruteForce(query, accepted);
    float kth = VectorUtil.dotProduct(query, vectors.get(top.get(top.size() - 1)));
    Set<Integer> ids = new HashSet<>();
    IntStream.range(0, DOCUMENTS).filter(accepted)
        .filter(id -> VectorUtil.dotProduct(query, vectors.get(id)) >= kth)
        .forEach(ids::add);
    return ids;
  }

  private static float[] perturbed(float[] vector, Random random) {
    for (int i = 0; i < vector.length; i++) {
      vector[i] += (float) (random.nextGaussian() * 0.02);
    }
    return VectorUtil.l2normalize(vector);
  }
}
