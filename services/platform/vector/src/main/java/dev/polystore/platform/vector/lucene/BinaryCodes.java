package dev.polystore.platform.vector.lucene;

import java.io.IOException;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.VectorUtil;

/**
 * One segment's vectors in one bit per dimension, to rank them by an estimate of their dot product
 * with a query at a fraction of a float comparison's cost (48 bytes for 384 dimensions instead of
 * 1,536); the best estimates are then scored on their floats ({@link NearestScan}).
 *
 * <p>The estimator is RaBitQ's (Gao and Long, SIGMOD 2024) without its random rotation: each vector
 * is taken relative to the segment's mean ({@code x' = x - mean}), its code is the signs of
 * {@code x'}, and {@code q . x'} is estimated as {@code (q . signs) |x'|^2 / sum|x'_i|}, which is
 * exact when {@code x'} points along its signs. Lucene 9.12, the last Lucene for a Java 17 build,
 * has no binary quantization (Lucene 10.2's needs Java 21 to build), so this is ours.
 */
final class BinaryCodes implements SegmentCodes.Weighed {
  private final int words;
  /** Word w of vector ord at {@code bits[w * size + ord]}: one word of every vector after another, scanned in order. */
  private final long[] bits;
  /** Per vector: {@code |x'|^2 / sum|x'_i|}, the scale from the signs' dot product to the estimate. */
  private final float[] scales;
  /** Per vector: how many of its signs are positive. */
  private final short[] ones;
  /** Per vector (ordinal): its document in the segment. */
  private final int[] docs;

  private BinaryCodes(int words, long[] bits, float[] scales, short[] ones, int[] docs) {
    this.words = words;
    this.bits = bits;
    this.scales = scales;
    this.ones = ones;
    this.docs = docs;
  }

  static int words(int dimension) {
    return (dimension + 63) >>> 6;
  }

  /** Codes for every vector {@code source} iterates, each scaled to unit length first when {@code normalize}. */
  static BinaryCodes of(VectorSource source, boolean normalize) throws IOException {
    FloatVectorValues values = source.open();
    int size = values.size();
    int dimension = values.dimension();
    float[] mean = new float[dimension];
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
      float[] vector = unit(values.vectorValue(), normalize);
      for (int i = 0; i < dimension; i++) {
        mean[i] += vector[i] / size;
      }
    }
    int words = words(dimension);
    long[] bits = new long[size * words];
    float[] scales = new float[size];
    short[] ones = new short[size];
    int[] docs = new int[size];
    float[] centred = new float[dimension];
    values = source.open();
    int ord = 0;
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc(), ord++) {
      float[] vector = unit(values.vectorValue(), normalize);
      float absSum = 0;
      int positive = 0;
      for (int i = 0; i < dimension; i++) {
        centred[i] = vector[i] - mean[i];
        absSum += Math.abs(centred[i]);
        if (centred[i] >= 0) {
          bits[(i >>> 6) * size + ord] |= 1L << (i & 63);
          positive++;
        }
      }
      scales[ord] = absSum == 0 ? 0 : VectorUtil.dotProduct(centred, centred) / absSum;
      ones[ord] = (short) positive;
      docs[ord] = doc;
    }
    return new BinaryCodes(words, bits, scales, ones, docs);
  }

  int size() {
    return docs.length;
  }

  /** Per vector: its words, its scale, its count of ones and its document. */
  @Override
  public long bytes() {
    return (long) docs.length * (words * 8L + 4 + 2 + 4);
  }

  int doc(int ord) {
    return docs[ord];
  }

  /**
   * The estimates of {@code query . x'} for every vector, by ordinal; they differ from the estimates
   * of {@code query . x} by {@code query . mean}, the same for every vector of the segment, so they
   * rank the vectors as those would.
   */
  float[] estimates(QueryBits query) {
    int size = docs.length;
    int[] weighted = new int[size];
    long[] planes = query.planes;
    for (int w = 0; w < words; w++) {
      // A word at a time over all vectors: the query's four planes of that word stay in registers.
      long p0 = planes[w * QueryBits.PLANES];
      long p1 = planes[w * QueryBits.PLANES + 1];
      long p2 = planes[w * QueryBits.PLANES + 2];
      long p3 = planes[w * QueryBits.PLANES + 3];
      int offset = w * size;
      for (int ord = 0; ord < size; ord++) {
        long code = bits[offset + ord];
        weighted[ord] += Long.bitCount(code & p0) + (Long.bitCount(code & p1) << 1)
            + (Long.bitCount(code & p2) << 2) + (Long.bitCount(code & p3) << 3);
      }
    }
    float[] estimates = new float[size];
    for (int ord = 0; ord < size; ord++) {
      // the sum of q_i over positive signs minus the sum over negative ones: 2 * selected - all
      float selected = query.low * ones[ord] + query.step * weighted[ord];
      estimates[ord] = (2 * selected - query.sum) * scales[ord];
    }
    return estimates;
  }

  private static float[] unit(float[] vector, boolean normalize) {
    return normalize ? VectorUtil.l2normalize(vector.clone(), false) : vector;
  }

  /** A fresh iterator over a segment's vectors each time: codes are built in two passes. */
  @FunctionalInterface
  interface VectorSource {
    FloatVectorValues open() throws IOException;
  }
}
