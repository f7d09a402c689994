package dev.polystore.platform.vector.turbopuffer;

import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.VectorStoreConformance;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite on the turbopuffer client, against the local turbopuffer-compatible server. */
class TurbopufferVectorStoreIT extends VectorStoreConformance {
  @TempDir
  static Path data;
  private static LocalTurbopuffer server;
  private static TurbopufferVectorStore store;

  @BeforeAll
  static void start() throws IOException {
    server = LocalTurbopuffer.start(0, data, "test-key");
    store = new TurbopufferVectorStore(server.clientConfig(3));
  }

  @AfterAll
  static void stop() {
    store.close();
    server.close();
  }

  @Override
  protected VectorStore store() {
    return store;
  }
}
