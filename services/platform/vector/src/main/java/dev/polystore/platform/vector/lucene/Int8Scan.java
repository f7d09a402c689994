package dev.polystore.platform.vector.lucene;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.lucene.util.hnsw.NeighborQueue;

/**
 * The exact search's first pass over a reader's segments: by their {@link Int8Codes}, the documents
 * whose float score may reach the best {@code k} of the reader (every other one's upper bound is
 * below the k-th best lower bound of all segments). The pass is cut into slices of about equal
 * size across segments, which idle {@link ScanHelpers} take.
 */
final class Int8Scan {
  /** Fewer vectors than this per slice are not worth waking a helper for (about 0.15 ms of scan). */
  private static final int MIN_SLICE = 2_000;
  private static final int MAX_SLICES = 8;

  private Int8Scan() {}

  /** One segment to scan: its codes and which of its ordinals count (null: all). */
  record Segment(Int8Codes codes, IntPredicate accepted) {}

  /** Per segment, in the order given, the candidates' ordinals, ascending. */
  static int[][] candidates(List<Segment> segments, float[] query, int k, ScanHelpers helpers) {
    Int8Codes.Query quantized = Int8Codes.query(query);
    int total = 0;
    int[] starts = new int[segments.size() + 1];
    float[][] estimates = new float[segments.size()][];
    float[][] margins = new float[segments.size()][];
    for (int s = 0; s < segments.size(); s++) {
      int size = segments.get(s).codes().size();
      estimates[s] = new float[size];
      margins[s] = new float[size];
      starts[s] = total;
      total += size;
    }
    starts[segments.size()] = total;
    int maxSlices = Math.max(1, Math.min(MAX_SLICES, total / MIN_SLICE));
    NeighborQueue[] lowest = new NeighborQueue[maxSlices]; // per slice, its k best lower bounds, worst on top
    int all = total;
    helpers.run(maxSlices, (part, parts) -> {
      NeighborQueue slice = new NeighborQueue(k, false);
      int from = (int) ((long) all * part / parts);
      int to = (int) ((long) all * (part + 1) / parts);
      for (int s = 0; s < segments.size(); s++) {
        int begin = Math.max(from, starts[s]) - starts[s];
        int end = Math.min(to, starts[s + 1]) - starts[s];
        if (begin < end) {
          Segment segment = segments.get(s);
          segment.codes().bound(quantized, begin, end, segment.accepted(), estimates[s], margins[s], slice);
        }
      }
      lowest[part] = slice;
    });
    float kthLowerBound = kthBest(lowest, k);
    int[][] candidates = new int[segments.size()][];
    for (int s = 0; s < segments.size(); s++) {
      int[] ords = new int[estimates[s].length];
      int found = 0;
      for (int ord = 0; ord < ords.length; ord++) {
        // NaN (not accepted) fails the comparison
        if (estimates[s][ord] + margins[s][ord] >= kthLowerBound) {
          ords[found++] = ord;
        }
      }
      candidates[s] = Arrays.copyOf(ords, found);
    }
    return candidates;
  }

  /** The k-th best score the slices' queues hold together; negative infinity when they hold fewer. */
  private static float kthBest(NeighborQueue[] queues, int k) {
    NeighborQueue best = new NeighborQueue(k, false);
    NearestScan.drainInto(queues, best);
    return best.size() < k ? Float.NEGATIVE_INFINITY : best.topScore();
  }
}
