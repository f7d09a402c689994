package dev.polystore.platform.vector;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.vector.turbopuffer.TurbopufferConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which vector store a service uses, read once at start-up (DESIGN.md, Configuration).
 *
 * @param dataDirectory the embedded engine's index root; null for turbopuffer
 * @param turbopuffer turbopuffer's settings; null for the embedded engine
 */
public record VectorConfig(Backend backend, Path dataDirectory, TurbopufferConfig turbopuffer) {
  public static final String BACKEND = "VECTOR_BACKEND";
  public static final String DATA_DIR = "VECTOR_DATA_DIR";

  /** The implementations of {@link VectorStore}. */
  public enum Backend {
    /** Lucene in this process, one index per namespace under {@code VECTOR_DATA_DIR}. */
    EMBEDDED,
    /** turbopuffer's HTTP API. */
    TURBOPUFFER
  }

  public static VectorConfig fromEnv(Env env) {
    String raw = env.required(BACKEND);
    Backend backend;
    try {
      backend = Backend.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(BACKEND, "must be embedded or turbopuffer, was '" + raw + "'");
    }
    return switch (backend) {
      case EMBEDDED -> embedded(dataDirectory(env.required(DATA_DIR)));
      case TURBOPUFFER -> new VectorConfig(backend, null, TurbopufferConfig.fromEnv(env));
    };
  }

  public static VectorConfig embedded(Path dataDirectory) {
    return new VectorConfig(Backend.EMBEDDED, dataDirectory, null);
  }

  private static Path dataDirectory(String value) {
    try {
      return Path.of(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ConfigException(DATA_DIR, "is not a path: " + e.getMessage());
    }
  }
}
