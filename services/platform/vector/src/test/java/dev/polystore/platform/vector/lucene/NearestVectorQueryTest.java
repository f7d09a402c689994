package dev.polystore.platform.vector.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link NearestVectorQuery#exact} scores every document: on data where a graph search of the same
 * k misses neighbours (the control), it returns the brute-force top k every time.
 */
class NearestVectorQueryTest {
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
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setMaxBufferedDocs(700))) {
      for (int i = 0; i < DOCUMENTS; i++) {
        float[] vector = randomUnitVector(random);
        vectors.add(vector);
        Document document = new Document();
        document.add(new KnnFloatVectorField(FIELD, vector, VectorSimilarityFunction.COSINE));
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
  void exactSearchReturnsTheBruteForceTopKInOrder() throws IOException {
    for (float[] query : queries) {
      assertEquals(bruteForce(query), search(NearestVectorQuery.exact(FIELD, query, K, null)));
    }
  }

  @Test
  void controlAGraphSearchOfTheSameKMissesSomeNeighboursOnThisData() throws IOException {
    long misses = queries.stream()
        .filter(query -> !bruteForce(query).equals(searchUnchecked(NearestVectorQuery.approximate(FIELD, query, K, null))))
        .count();
    assertTrue(misses > 0, "the graph found every true neighbour: this data cannot tell exact from approximate");
  }

  private static List<Integer> search(Query query) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    return Arrays.stream(searcher.search(query, K).scoreDocs)
        .map(hit -> uncheckedId(searcher, hit.doc))
        .toList();
  }

  private static List<Integer> searchUnchecked(Query query) {
    try {
      return search(query);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int uncheckedId(IndexSearcher searcher, int doc) {
    try {
      return searcher.storedFields().document(doc).getField("id").numericValue().intValue();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Integer> bruteForce(float[] query) {
    return IntStream.range(0, DOCUMENTS).boxed()
        .sorted(Comparator.comparingDouble((Integer id) -> -VectorUtil.dotProduct(query, vectors.get(id))))
        .limit(K)
        .toList();
  }

  private static float[] randomUnitVector(Random random) {
    float[] vector = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return VectorUtil.l2normalize(vector);
  }
}
