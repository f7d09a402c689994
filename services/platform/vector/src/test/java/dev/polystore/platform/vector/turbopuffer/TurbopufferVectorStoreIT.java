package dev.polystore.platform.vector.turbopuffer;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.VectorStoreConformance;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite on the turbopuffer client, against the local turbopuffer-compatible server;
 * against turbopuffer itself under the opt-in Maven profile {@code managed-stores} (system property
 * {@code polystore.managed-stores}) when {@code TURBOPUFFER_API_KEY} and a region or base URL are set.
 */
class TurbopufferVectorStoreIT extends VectorStoreConformance {
  @TempDir
  static Path data;
  private static LocalTurbopuffer server;
  private static TurbopufferVectorStore store;

  @BeforeAll
  static void start() throws IOException {
    Env env = Env.system();
    if (Boolean.getBoolean("polystore.managed-stores") && env.has(TurbopufferConfig.API_KEY)) {
      store = new TurbopufferVectorStore(TurbopufferConfig.fromEnv(env));
      return;
    }
    server = LocalTurbopuffer.start(0, data, "test-key");
    store = new TurbopufferVectorStore(server.clientConfig(3));
  }

  @AfterAll
  static void stop() {
    store.close();
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected VectorStore store() {
    return store;
  }
}
