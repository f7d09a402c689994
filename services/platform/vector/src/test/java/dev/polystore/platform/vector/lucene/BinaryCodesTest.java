package dev.polystore.platform.vector.lucene;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

/**
 * {@link BinaryCodes} estimates {@code q . (x - mean)} from one bit per dimension: on 384-d vectors
 * the estimates follow the true values closely (correlation well above what ranking needs), and the
 * same check on the estimates of other vectors (the control) finds no relation.
 */
class BinaryCodesTest {
  private static final int DIMENSION = 384;
  private static final int DOCUMENTS = 2_000;

  @Test
  void estimatesFollowTheTrueDotProducts() throws IOException {
    Random random = new Random(9);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      // a shared offset, so that the codes' centring matters
      float[] vector = NearestScanTest.randomUnitVector(random, DIMENSION);
      vector[0] += 0.5f;
      vectors.add(VectorUtil.l2normalize(vector));
    }
    float[] mean = new float[DIMENSION];
    vectors.forEach(v -> { for (int i = 0; i < DIMENSION; i++) mean[i] += v[i] / DOCUMENTS; });

    try (Directory directory = new ByteBuffersDirectory()) {
      index(directory, vectors);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        BinaryCodes codes = BinaryCodes.of(() -> leaf.getFloatVectorValues("v"), false);
        List<Double> estimates = new ArrayList<>();
        List<Double> truths = new ArrayList<>();
        for (int q = 0; q < 20; q++) {
          float[] query = NearestScanTest.randomUnitVector(random, DIMENSION);
          float[] estimated = codes.estimates(QueryBits.of(query));
          for (int ord = 0; ord < codes.size(); ord++) {
            estimates.add((double) estimated[ord]);
            truths.add((double) (VectorUtil.dotProduct(query, vectors.get(codes.doc(ord))) - VectorUtil.dotProduct(query, mean)));
          }
        }
        double correlation = correlation(estimates, truths);
        assertTrue(correlation > 0.7, "correlation of estimates and true dot products: " + correlation);
        List<Double> others = new ArrayList<>(estimates);
        Collections.shuffle(others, new Random(1));
        double control = correlation(others, truths);
        assertTrue(Math.abs(control) < 0.1, "the control found a relation where there is none: " + control);
      }
    }
  }

  private static void index(Directory directory, List<float[]> vectors) throws IOException {
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(VectorCodec.create()))) {
      for (float[] vector : vectors) {
        Document document = new Document();
        document.add(new KnnFloatVectorField("v", vector, VectorSimilarityFunction.DOT_PRODUCT));
        writer.addDocument(document);
      }
      writer.forceMerge(1);
    }
  }

  private static double correlation(List<Double> a, List<Double> b) {
    double meanA = a.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double meanB = b.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double cov = 0;
    double varA = 0;
    double varB = 0;
    for (int i = 0; i < a.size(); i++) {
      cov += (a.get(i) - meanA) * (b.get(i) - meanB);
      varA += (a.get(i) - meanA) * (a.get(i) - meanA);
      varB += (b.get(i) - meanB) * (b.get(i) - meanB);
    }
    return cov / Math.sqrt(varA * varB);
  }
}
