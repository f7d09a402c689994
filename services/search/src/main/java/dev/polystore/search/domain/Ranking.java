package dev.polystore.search.domain;

/**
 * How one ranked query orders a workspace's documents. A hybrid search runs one of each and fuses
 * them (see ReciprocalRankFusion), because their scores have different scales.
 */
public sealed interface Ranking permits Ranking.ByVector, Ranking.ByText {
  /** Nearest neighbours of the vector by cosine similarity; scores are similarities in [-1, 1]. */
  record ByVector(float[] vector) implements Ranking {}

  /** BM25 over the documents' text; scores are BM25 scores, and documents without a term do not match. */
  record ByText(String text) implements Ranking {}
}
