package dev.polystore.search;

import dev.polystore.platform.health.ManagedStore;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.search.domain.Embedder;

/**
 * The search service as its supervisor sees it: ready once the vector store is set up and the
 * embedding model is loaded (so the first request does not pay for loading it), healthy while the
 * vector store answers.
 */
final class SearchStore implements ManagedStore {
  private final VectorStore vectors;
  private final Embedder embedder;

  SearchStore(VectorStore vectors, Embedder embedder) {
    this.vectors = vectors;
    this.embedder = embedder;
  }

  @Override
  public void migrate() {
    vectors.migrate();
    embedder.embed("warm up");
  }

  @Override
  public boolean isReachable() {
    return vectors.isReachable();
  }
}
