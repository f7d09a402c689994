package dev.polystore.platform.vector.lucene;

/**
 * A query vector in four bit planes, for estimating its dot product with {@link BinaryCodes}: each
 * component rounded to one of 16 levels between the vector's smallest and largest component, so
 * that the sum of the components a code's set bits select is four AND-and-count steps a word
 * instead of 64 multiplications (the query side of RaBitQ; Gao and Long, SIGMOD 2024).
 */
final class QueryBits {
  static final int PLANES = 4;
  private static final int LEVELS = (1 << PLANES) - 1;

  final int dimension;
  /** Plane j of word w at {@code planes[w * PLANES + j]}: bit i set when level i has bit j. */
  final long[] planes;
  /** The lowest level's value and the step between levels: component i is {@code low + step * level(i)}. */
  final float low;
  final float step;
  /** The sum of the rounded components. */
  final float sum;

  private QueryBits(int dimension, long[] planes, float low, float step, float sum) {
    this.dimension = dimension;
    this.planes = planes;
    this.low = low;
    this.step = step;
    this.sum = sum;
  }

  static QueryBits of(float[] query) {
    float low = Float.POSITIVE_INFINITY;
    float high = Float.NEGATIVE_INFINITY;
    for (float component : query) {
      low = Math.min(low, component);
      high = Math.max(high, component);
    }
    float step = high > low ? (high - low) / LEVELS : 0f;
    long[] planes = new long[BinaryCodes.words(query.length) * PLANES];
    long levels = 0;
    for (int i = 0; i < query.length; i++) {
      int level = step == 0f ? 0 : Math.round((query[i] - low) / step);
      levels += level;
      for (int j = 0; j < PLANES; j++) {
        if ((level & (1 << j)) != 0) {
          planes[(i >>> 6) * PLANES + j] |= 1L << (i & 63);
        }
      }
    }
    return new QueryBits(query.length, planes, low, step, query.length * low + step * levels);
  }
}
