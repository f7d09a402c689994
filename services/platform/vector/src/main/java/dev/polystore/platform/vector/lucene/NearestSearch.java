package dev.polystore.platform.vector.lucene;

/**
 * How the embedded engine answers a nearest-neighbour query.
 *
 * @param exactUpToDocs namespaces with at most this many documents score every document (exact)
 * @param minCandidates larger namespaces walk the HNSW graph exploring at least this many candidates
 */
public record NearestSearch(int exactUpToDocs, int minCandidates) {
  /**
   * Exact up to 20,000 documents, where scoring them all is cheaper than a graph walk of 800
   * candidates; 800 candidates keep recall@10 at 0.98 on 100k random 384-d vectors (the hardest case:
   * no clusters), where 100 gave 0.73 and 400 0.92 (docs/benchmarks.md, search).
   */
  public static final NearestSearch DEFAULT = new NearestSearch(20_000, 800);

  public NearestSearch {
    if (exactUpToDocs < 0 || minCandidates < 1) {
      throw new IllegalArgumentException("exactUpToDocs >= 0 and minCandidates >= 1, were "
          + exactUpToDocs + " and " + minCandidates);
    }
  }
}
