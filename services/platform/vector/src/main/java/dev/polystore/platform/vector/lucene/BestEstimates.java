package dev.polystore.platform.vector.lucene;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Picks the ordinals with the best estimates by a histogram instead of a heap: two linear passes
 * and a walk down 4,096 buckets, where a heap of the best 1,000 out of 100,000 spent a quarter of a
 * query's time re-ordering itself. It keeps a few more than asked for, the rest of the bucket where
 * the cut falls; they are re-scored like the others.
 */
final class BestEstimates {
  private static final int BUCKETS = 4096;

  private BestEstimates() {}

  /**
   * At least {@code wanted} ordinals with the best estimates among those {@code accepted} lets
   * through (null: all), ascending; all of them when fewer are accepted.
   */
  static int[] of(float[] estimates, IntPredicate accepted, int wanted) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int ord = 0; ord < estimates.length; ord++) {
      if (accepted == null || accepted.test(ord)) {
        min = Math.min(min, estimates[ord]);
        max = Math.max(max, estimates[ord]);
      }
    }
    if (min > max) {
      return new int[0];
    }
    float scale = max > min ? (BUCKETS - 1) / (max - min) : 0f; // infinite for a subnormal range: clamped below
    int[] counts = new int[BUCKETS];
    for (int ord = 0; ord < estimates.length; ord++) {
      if (accepted == null || accepted.test(ord)) {
        counts[bucket(estimates[ord], min, scale)]++;
      }
    }
    int cut = BUCKETS - 1;
    for (int taken = counts[cut]; taken < wanted && cut > 0; taken += counts[--cut]) {
      // walk down from the best bucket until the buckets above the cut hold enough
    }
    int[] ords = new int[estimates.length];
    int found = 0;
    for (int ord = 0; ord < estimates.length; ord++) {
      if (bucket(estimates[ord], min, scale) >= cut && (accepted == null || accepted.test(ord))) {
        ords[found++] = ord;
      }
    }
    return Arrays.copyOf(ords, found);
  }

  private static int bucket(float estimate, float low, float scale) {
    float position = (estimate - low) * scale;
    return position >= BUCKETS - 1 ? BUCKETS - 1 : position > 0 ? (int) position : 0;
  }
}
