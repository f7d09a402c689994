package dev.polystore.platform.vector;

/** How a query orders documents: one ranking per query; hybrid search fuses two queries. */
public sealed interface Ranking permits Ranking.Nearest, Ranking.FullText {
  /** Approximate nearest neighbours by cosine similarity; scores are similarities in [-1, 1]. */
  record Nearest(float[] vector) implements Ranking {}

  /** BM25 over the documents' text; scores are BM25 scores, and documents without a term do not match. */
  record FullText(String text) implements Ranking {}
}
