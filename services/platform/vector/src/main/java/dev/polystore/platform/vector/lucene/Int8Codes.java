package dev.polystore.platform.vector.lucene;

import java.io.IOException;
import java.util.function.IntPredicate;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.NeighborQueue;

/**
 * One segment's unit vectors in one byte per dimension, each with a bound on its rounding error, so
 * that an exact search reads a quarter of the floats' bytes and still returns the float top k
 * ({@link NearestScan}): the bytes give every document's dot product with the query within a known
 * margin, and only documents whose margin reaches the k-th best lower bound are scored on floats.
 *
 * <p>A vector {@code x} is stored as {@code a = s c}, {@code c} its bytes ({@code s = max|x_i| / 127}),
 * with {@code |a|} and {@code |x - a|}; the query {@code q} likewise as {@code s_q c_q} with
 * {@code e_q = q - s_q c_q}. Then {@code q . x = s_q s (c_q . c) + e_q . a + q . (x - a)}, and by
 * Cauchy-Schwarz the last two terms are at most {@code |e_q| |a| + |q| |x - a|}. Lucene 9.12's
 * scalar quantization clips outliers at a confidence interval and keeps no per-vector error, so its
 * codes give no such bound; these are ours.
 */
final class Int8Codes implements SegmentCodes.Weighed {
  /**
   * Added to every margin: the floats' own rounding (a 384-term dot product of unit vectors is off by
   * about 1e-6), so that a document whose float score ties or beats the k-th is never left out.
   */
  private static final float ROUNDING = 1e-4f;

  private final byte[][] codes;
  private final float[] scales;
  private final float[] lengths;
  private final float[] errors;
  /** Per vector (ordinal): its document in the segment. */
  private final int[] docs;

  private Int8Codes(byte[][] codes, float[] scales, float[] lengths, float[] errors, int[] docs) {
    this.codes = codes;
    this.scales = scales;
    this.lengths = lengths;
    this.errors = errors;
    this.docs = docs;
  }

  /** Codes for every vector {@code values} iterates, each scaled to unit length first when {@code normalize}. */
  static Int8Codes of(FloatVectorValues values, boolean normalize) throws IOException {
    int size = values.size();
    byte[][] codes = new byte[size][];
    float[] scales = new float[size];
    float[] lengths = new float[size];
    float[] errors = new float[size];
    int[] docs = new int[size];
    int ord = 0;
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc(), ord++) {
      float[] vector = values.vectorValue();
      Quantized quantized = Quantized.of(normalize ? VectorUtil.l2normalize(vector.clone(), false) : vector);
      codes[ord] = quantized.code;
      scales[ord] = quantized.scale;
      lengths[ord] = quantized.length;
      errors[ord] = quantized.error;
      docs[ord] = doc;
    }
    return new Int8Codes(codes, scales, lengths, errors, docs);
  }

  int size() {
    return docs.length;
  }

  /** Per vector: its bytes with their array's header and reference, three floats and its document. */
  @Override
  public long bytes() {
    int dimension = codes.length == 0 ? 0 : codes[0].length;
    return (long) docs.length * (dimension + 16 + 8 + 3 * 4 + 4);
  }

  int doc(int ord) {
    return docs[ord];
  }

  /** A query vector in the codes' terms, for {@link #bound}. */
  static Query query(float[] vector) {
    return new Query(Quantized.of(vector), (float) Math.sqrt(VectorUtil.dotProduct(vector, vector)));
  }

  /**
   * For each ordinal in {@code [from, to)} that {@code accepted} lets through (null: all), the
   * estimate of its dot product with the query and the margin within which the true one lies
   * (NaN where not accepted); each lower bound is offered to {@code lowest}.
   */
  void bound(Query query, int from, int to, IntPredicate accepted, float[] estimates, float[] margins,
      NeighborQueue lowest) {
    Quantized q = query.quantized;
    for (int ord = from; ord < to; ord++) {
      if (accepted != null && !accepted.test(ord)) {
        margins[ord] = Float.NaN;
        continue;
      }
      estimates[ord] = q.scale * scales[ord] * VectorUtil.dotProduct(q.code, codes[ord]);
      margins[ord] = q.error * lengths[ord] + query.length * errors[ord] + ROUNDING;
      lowest.insertWithOverflow(ord, estimates[ord] - margins[ord]); // only the scores are read
    }
  }

  /** A query vector in bytes, and its length. */
  record Query(Quantized quantized, float length) {}

  /** One vector in bytes: {@code x ~ scale * code}, {@code |scale * code|} and {@code |x - scale * code|}. */
  record Quantized(byte[] code, float scale, float length, float error) {
    static Quantized of(float[] vector) {
      float max = 0;
      for (float value : vector) {
        max = Math.max(max, Math.abs(value));
      }
      byte[] code = new byte[vector.length];
      if (max == 0) {
        return new Quantized(code, 0, 0, 0);
      }
      float scale = max / 127;
      double length = 0;
      double error = 0;
      for (int i = 0; i < vector.length; i++) {
        code[i] = (byte) Math.max(-127, Math.min(127, Math.round(vector[i] / scale)));
        double approx = (double) scale * code[i];
        length += approx * approx;
        error += (vector[i] - approx) * (vector[i] - approx);
      }
      return new Quantized(code, scale, (float) Math.sqrt(length), (float) Math.sqrt(error));
    }
  }
}
