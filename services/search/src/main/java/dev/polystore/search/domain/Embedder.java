package dev.polystore.search.domain;

import java.util.List;

/** Turns text into vectors in-process, for documents and queries that come without one. */
public interface Embedder {
  /** The dimension of every vector this embedder returns. */
  int dimension();

  /** One vector per text, in order. */
  List<float[]> embed(List<String> texts);

  default float[] embed(String text) {
    return embed(List.of(text)).get(0);
  }
}
