package dev.polystore.platform.vector;

import dev.polystore.platform.vector.lucene.LuceneVectorStore;
import dev.polystore.platform.vector.turbopuffer.TurbopufferVectorStore;

/** Builds the {@link VectorStore} a {@link VectorConfig} names. */
public final class VectorStores {
  private VectorStores() {}

  public static VectorStore open(VectorConfig config) {
    return switch (config.backend()) {
      case EMBEDDED -> new LuceneVectorStore(config.dataDirectory());
      case TURBOPUFFER -> new TurbopufferVectorStore(config.turbopuffer());
    };
  }
}
