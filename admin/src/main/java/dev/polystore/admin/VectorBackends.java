package dev.polystore.admin;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.vector.VectorConfig;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.VectorStores;
import dev.polystore.platform.vector.turbopuffer.TurbopufferConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens a vector backend by name from the gateway's settings, whatever {@code VECTOR_BACKEND} says:
 * a migration reads one backend and writes the other, so both may be configured at once
 * ({@code VECTOR_DATA_DIR} for embedded, {@code TURBOPUFFER_*} for turbopuffer).
 */
public final class VectorBackends {
  /** The search service's namespaces: SearchModule's setting, read here without the search module (and its embedder). */
  static final String SEARCH_NAMESPACE_PREFIX = "SEARCH_NAMESPACE_PREFIX";
  static final String DEFAULT_SEARCH_PREFIX = "polystore-ws-";

  private VectorBackends() {}

  /** @param option the command-line option that named the backend, for the error message */
  public static VectorStore open(String backend, Map<String, String> env, String option) {
    Env settings = new Env(env);
    VectorConfig config = switch (backend) {
      case "embedded" -> {
        Map<String, String> values = new HashMap<>(env);
        values.put(VectorConfig.BACKEND, "embedded");
        yield VectorConfig.fromEnv(new Env(values));
      }
      case "turbopuffer" -> new VectorConfig(VectorConfig.Backend.TURBOPUFFER, null, TurbopufferConfig.fromEnv(settings));
      default -> throw new AdminFailure("--" + option + " must be embedded or turbopuffer, was '" + backend + "'");
    };
    return ready(VectorStores.open(config));
  }

  /** The backend {@code VECTOR_BACKEND} names, as the gateway would open it. */
  public static VectorStore fromGatewaySettings(Map<String, String> env) {
    return ready(VectorStores.open(VectorConfig.fromEnv(new Env(env))));
  }

  /** The search service's namespace prefix, as the gateway reads it. */
  static String searchPrefix(Map<String, String> env) {
    return new Env(env).string(SEARCH_NAMESPACE_PREFIX, DEFAULT_SEARCH_PREFIX);
  }

  private static VectorStore ready(VectorStore store) {
    store.migrate(); // the embedded engine's root directory; nothing for turbopuffer
    return store;
  }
}
