package dev.polystore.platform.vector;

import dev.polystore.platform.vector.lucene.LuceneVectorStore;
import dev.polystore.platform.vector.turbopuffer.TurbopufferVectorStore;

/** Builds the {@link VectorStore} a {@link VectorConfig} names. */
public final class VectorStores {
  private VectorStores() {}

  public static VectorStore open(VectorConfig config) {
    return switch (config.backend()) {
      case EMBEDDED -> new ObservedVectorStore(new LuceneVectorStore(config.dataDirectory()), "lucene");
      case TURBOPUFFER -> new ObservedVectorStore(new TurbopufferVectorStore(config.turbopuffer()), "turbopuffer");
    };
  }
}
