package dev.polystore.platform.vector.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link NearestScan} on one index of several segments: scoring every document returns the
 * brute-force top k in order; ranking by binary codes and re-scoring a share finds most of it, and
 * on this data a small share misses some (the control: the data tells exact from approximate).
 */
class NearestScanTest {
  private static final String FIELD = "v";
  private static final int DOCUMENTS = 3_000;
  private static final int DIMENSION = 64;
  private static final int K = 10;
  private static final int QUERIES = 40;

  private static final List<float[]> vectors = new ArrayList<>();
  private static final List<float[]> queries = new ArrayList<>();
  private static Directory directory;
  private static DirectoryReader reader;

  @BeforeAll
  static void index() throws IOException {
    Random random = new Random(3);
    directory = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(directory,
        new IndexWriterConfig().setCodec(VectorCodec.create()).setMaxBufferedDocs(700))) {
      for (int i = 0; i < DOCUMENTS; i++) {
        float[] vector = randomUnitVector(random);
        vectors.add(vector);
        Document document = new Document();
        document.add(new KnnFloatVectorField(FIELD, vector, VectorSimilarityFunction.DOT_PRODUCT));
        document.add(new StoredField("id", i));
        writer.addDocument(document);
      }
    }
    reader = DirectoryReader.open(directory);
    for (int q = 0; q < QUERIES; q++) {
      queries.add(randomUnitVector(random));
    }
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    directory.close();
  }

  @Test
  void theIndexHasSeveralSegments() {
    assertTrue(reader.leaves().size() > 1, "one segment: the scan's merging of segments goes untested");
  }

  @Test
  void scoringEveryDocumentReturnsTheBruteForceTopKInOrder() {
    NearestScan exact = new NearestScan(FIELD, new NearestSearch(Integer.MAX_VALUE, 1));
    for (float[] query : queries) {
      assertEquals(bruteForce(query), search(exact, query));
    }
  }

  @Test
  void reScoringAShareFindsMostTrueNeighboursInOrderOfTheirTrueScores() {
    NearestScan binary = new NearestScan(FIELD, new NearestSearch(0, 0.1));
    int found = 0;
    for (float[] query : queries) {
      List<Integer> hits = search(binary, query);
      List<Integer> truth = bruteForce(query);
      found += (int) hits.stream().filter(truth::contains).count();
      List<Integer> byTrueScore = hits.stream()
          .sorted(Comparator.comparingDouble((Integer id) -> -VectorUtil.dotProduct(query, vectors.get(id)))).toList();
      assertEquals(byTrueScore, hits, "hits are ordered by their float scores");
    }
    double recall = found / (double) (QUERIES * K);
    assertTrue(recall >= 0.9, "recall@10 re-scoring 10% was " + recall);
  }

  @Test
  void splitOverAHelperEitherWayAnswersTheSame() {
    try (ScanHelpers helper = new ScanHelpers(1)) {
      for (NearestSearch way : List.of(new NearestSearch(Integer.MAX_VALUE, 1), new NearestSearch(0, 0.1))) {
        NearestScan alone = new NearestScan(FIELD, way);
        NearestScan split = new NearestScan(FIELD, way, SegmentCodes.quarterOfHeap(), helper);
        for (float[] query : queries) {
          assertEquals(search(alone, query), search(split, query));
        }
      }
    }
  }

  @Test
  void controlReScoringFewerMissesSomeNeighboursOnThisData() {
    NearestScan narrow = new NearestScan(FIELD, new NearestSearch(0, 0.001));
    long misses = queries.stream().filter(query -> !bruteForce(query).equals(search(narrow, query))).count();
    assertTrue(misses > 0, "the binary estimate alone found every true neighbour: this data cannot tell exact from approximate");
  }

  private static List<Integer> search(NearestScan scan, float[] query) {
    try {
      IndexSearcher searcher = new IndexSearcher(reader);
      List<Integer> ids = new ArrayList<>();
      for (var hit : scan.search(searcher, query, null, K)) {
        ids.add(searcher.storedFields().document(hit.doc).getField("id").numericValue().intValue());
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Integer> bruteForce(float[] query) {
    return IntStream.range(0, DOCUMENTS).boxed()
        .sorted(Comparator.comparingDouble((Integer id) -> -VectorUtil.dotProduct(query, vectors.get(id))))
        .limit(K)
        .toList();
  }

  static float[] randomUnitVector(Random random) {
    return randomUnitVector(random, DIMENSION);
  }

  static float[] randomUnitVector(Random random, int dimension) {
    float[] vector = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return VectorUtil.l2normalize(vector);
  }
}
