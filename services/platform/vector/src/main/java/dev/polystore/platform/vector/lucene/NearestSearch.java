package dev.polystore.platform.vector.lucene;

/**
 * How the embedded engine answers a nearest-neighbour query ({@link NearestScan}).
 *
 * @param exactUpToDocs namespaces with at most this many documents return the exact top k by float
 *     score (every document bounded by its {@link Int8Codes}, those that may reach the top k scored)
 * @param rescoredShare in larger ones, the share of each segment's documents, best by their binary
 *     estimate, scored on their floats (at least ten times the results asked for)
 */
public record NearestSearch(int exactUpToDocs, double rescoredShare) {
  /**
   * Exact up to 20,000 documents, where a scan of every document's bytes is fast enough; beyond, 3% of
   * each segment re-scored keeps recall@10 near 0.98 on 100k random 384-d vectors, the hardest case
   * for a binary estimate (no clusters; docs/benchmarks.md, search).
   */
  public static final NearestSearch DEFAULT = new NearestSearch(20_000, 0.03);

  public NearestSearch {
    if (exactUpToDocs < 0 || !(rescoredShare > 0 && rescoredShare <= 1)) {
      throw new IllegalArgumentException("exactUpToDocs >= 0 and 0 < rescoredShare <= 1, were "
          + exactUpToDocs + " and " + rescoredShare);
    }
  }
}
