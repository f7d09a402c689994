package dev.polystore.bench.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded random unit vectors: the hardest case for HNSW, since they have no clusters to exploit. */
final class RandomVectors {
  private RandomVectors() {}

  static List<float[]> generate(int count, int dimension, long seed) {
    Random random = new Random(seed);
    List<float[]> vectors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      float[] vector = new float[dimension];
      double norm = 0;
      for (int d = 0; d < dimension; d++) {
        vector[d] = (float) random.nextGaussian();
        norm += vector[d] * vector[d];
      }
      float scale = (float) (1 / Math.sqrt(norm));
      for (int d = 0; d < dimension; d++) {
        vector[d] *= scale;
      }
      vectors.add(vector);
    }
    return vectors;
  }

  /** The ids of the {@code k} vectors most cosine-similar to {@code query}, by exhaustive scan. */
  static List<Integer> exactTop(List<float[]> vectors, float[] query, int k) {
    int[] best = new int[k];
    double[] scores = new double[k];
    Arrays.fill(scores, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < vectors.size(); i++) {
      float[] v = vectors.get(i);
      double dot = 0;
      for (int d = 0; d < v.length; d++) {
        dot += v[d] * query[d];
      }
      if (dot > scores[k - 1]) {
        int at = k - 1;
        while (at > 0 && scores[at - 1] < dot) {
          scores[at] = scores[at - 1];
          best[at] = best[at - 1];
          at--;
        }
        scores[at] = dot;
        best[at] = i;
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int id : best) {
      out.add(id);
    }
    return out;
  }
}
