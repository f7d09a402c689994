package dev.polystore.platform.vector.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

/**
 * {@link NearestVectorQuery#exact} on unit vectors compared by dot product scores through 8-bit
 * codes ({@link QuantizedExactSearch}) and must still return exactly what scoring every float vector
 * returns: the same documents, in the same order, with the same scores, across segments, deletions
 * and filters, including on near-duplicate vectors whose 8-bit scores cannot tell them apart.
 */
class QuantizedExactSearchTest {
  private static final String FIELD = "v";
  private static final int K = 10;

  @Test
  void randomVectorsGiveTheBruteForceTopKWithItsScores() throws IOException {
    Random random = new Random(5);
    List<float[]> vectors = IntStream.range(0, 3_000).mapToObj(i -> unit(gaussian(random, 384))).toList();
    assertExact(vectors, IntStream.range(0, 40).mapToObj(i -> unit(gaussian(random, 384))).toList());
  }

  @Test
  void nearDuplicatesTheCodesCannotOrderAreOrderedByTheirFloatScores() throws IOException {
    Random random = new Random(9);
    float[] base = gaussian(random, 128);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      float[] vector = base.clone();
      for (int j = 0; j < vector.length; j++) {
        vector[j] += (float) (random.nextGaussian() * 1e-3);
      }
      vectors.add(unit(vector));
    }
    List<float[]> queries = IntStream.range(0, 20).mapToObj(i -> {
      float[] query = base.clone();
      for (int j = 0; j < query.length; j++) {
        query[j] += (float) (random.nextGaussian() * 1e-2);
      }
      return unit(query);
    }).toList();
    // The control: on this data the 8-bit scores alone put a different top k first.
    long differ = queries.stream().filter(query -> !codesOnly(vectors, query).equals(bruteForce(vectors, query, null))).count();
    assertTrue(differ > 0, "the codes alone ordered every query right: this data cannot show the re-scoring");
    assertExact(vectors, queries);
  }

  private static void assertExact(List<float[]> vectors, List<float[]> queries) throws IOException {
    try (Directory directory = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setMaxBufferedDocs(700))) {
        for (int i = 0; i < vectors.size(); i++) {
          Document document = new Document();
          document.add(new KnnFloatVectorField(FIELD, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
          document.add(new StringField("id", Integer.toString(i), Field.Store.YES));
          document.add(new StringField("parity", i % 2 == 0 ? "even" : "odd", Field.Store.NO));
          writer.addDocument(document);
        }
        // Deleted documents must never come back.
        for (int i = 0; i < vectors.size(); i += 7) {
          writer.deleteDocuments(new Term("id", Integer.toString(i)));
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertTrue(reader.leaves().size() > 1, "several segments");
        IndexSearcher searcher = new IndexSearcher(reader);
        for (float[] query : queries) {
          assertEquals(bruteForce(vectors, query, null), search(searcher, NearestVectorQuery.exact(FIELD, query, K, null)));
          assertEquals(bruteForce(vectors, query, "odd"), search(searcher,
              NearestVectorQuery.exact(FIELD, query, K, new TermQuery(new Term("parity", "odd")))));
        }
      }
    }
  }

  /** Ids and scores, best first. */
  private static List<String> search(IndexSearcher searcher, NearestVectorQuery query) throws IOException {
    List<String> hits = new ArrayList<>();
    for (ScoreDoc hit : searcher.search(query, K).scoreDocs) {
      hits.add(searcher.storedFields().document(hit.doc).get("id") + "=" + hit.score);
    }
    return hits;
  }

  /** Every live float vector scored with Lucene's own function, ties to the lower id. */
  private static List<String> bruteForce(List<float[]> vectors, float[] query, String parity) {
    return IntStream.range(0, vectors.size())
        .filter(i -> i % 7 != 0)
        .filter(i -> parity == null || (i % 2 == 1) == parity.equals("odd"))
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -VectorSimilarityFunction.DOT_PRODUCT.compare(query, vectors.get(i)))
            .thenComparing(i -> i))
        .limit(K)
        .map(i -> i + "=" + VectorSimilarityFunction.DOT_PRODUCT.compare(query, vectors.get(i)))
        .toList();
  }

  /** The top k by the 8-bit scores alone, in the same form, for the control. */
  private static List<String> codesOnly(List<float[]> vectors, float[] query) {
    QuantizedVectors.Quantized q = QuantizedVectors.quantize(query);
    List<QuantizedVectors.Quantized> codes = vectors.stream().map(QuantizedVectors::quantize).toList();
    return IntStream.range(0, vectors.size())
        .filter(i -> i % 7 != 0)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) ->
            -(double) q.scale() * codes.get(i).scale() * VectorUtil.dotProduct(q.codes(), codes.get(i).codes()))
            .thenComparing(i -> i))
        .limit(K)
        .map(i -> i + "=" + VectorSimilarityFunction.DOT_PRODUCT.compare(query, vectors.get(i)))
        .toList();
  }

  private static float[] gaussian(Random random, int dimension) {
    float[] vector = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return vector;
  }

  private static float[] unit(float[] vector) {
    return VectorUtil.l2normalize(vector);
  }
}
