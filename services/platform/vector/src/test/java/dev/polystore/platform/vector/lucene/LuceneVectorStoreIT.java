package dev.polystore.platform.vector.lucene;

import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.VectorStoreConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite on the embedded engine. */
class LuceneVectorStoreIT extends VectorStoreConformance {
  @TempDir
  static Path data;
  private static LuceneVectorStore store;

  @BeforeAll
  static void open() {
    store = new LuceneVectorStore(data.resolve("vector"));
    store.migrate();
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  protected VectorStore store() {
    return store;
  }
}
