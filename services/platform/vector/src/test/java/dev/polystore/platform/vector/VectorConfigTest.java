package dev.polystore.platform.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorConfigTest {
  @Test
  void embeddedNeedsADataDirectory() {
    VectorConfig config = VectorConfig.fromEnv(new Env(Map.of("VECTOR_BACKEND", "embedded", "VECTOR_DATA_DIR", "/tmp/v")));
    assertEquals(VectorConfig.Backend.EMBEDDED, config.backend());
    assertEquals(Path.of("/tmp/v"), config.dataDirectory());

    ConfigException e = assertThrows(ConfigException.class,
        () -> VectorConfig.fromEnv(new Env(Map.of("VECTOR_BACKEND", "embedded"))));
    assertEquals("VECTOR_DATA_DIR: is required but not set", e.getMessage());
  }

  @Test
  void turbopufferTakesItsUrlFromTheRegionOrTheOverride() {
    VectorConfig byRegion = VectorConfig.fromEnv(new Env(Map.of("VECTOR_BACKEND", "turbopuffer",
        "TURBOPUFFER_API_KEY", "secret", "TURBOPUFFER_REGION", "gcp-us-central1")));
    assertEquals(URI.create("https://gcp-us-central1.turbopuffer.com"), byRegion.turbopuffer().baseUrl());
    assertFalse(byRegion.turbopuffer().toString().contains("secret"));

    VectorConfig byUrl = VectorConfig.fromEnv(new Env(Map.of("VECTOR_BACKEND", "TURBOPUFFER",
        "TURBOPUFFER_API_KEY", "secret", "TURBOPUFFER_BASE_URL", "http://127.0.0.1:8088/")));
    assertEquals(URI.create("http://127.0.0.1:8088"), byUrl.turbopuffer().baseUrl());
  }

  @Test
  void badSettingsNameTheirVariable() {
    assertEquals("VECTOR_BACKEND: is required but not set",
        assertThrows(ConfigException.class, () -> VectorConfig.fromEnv(new Env(Map.of()))).getMessage());
    assertEquals("VECTOR_BACKEND: must be embedded or turbopuffer, was 'pinecone'",
        assertThrows(ConfigException.class, () -> VectorConfig.fromEnv(new Env(Map.of("VECTOR_BACKEND", "pinecone")))).getMessage());
    assertEquals("TURBOPUFFER_API_KEY: is required but not set",
        assertThrows(ConfigException.class, () -> VectorConfig.fromEnv(new Env(Map.of("VECTOR_BACKEND", "turbopuffer")))).getMessage());
    assertThrows(ConfigException.class, () -> VectorConfig.fromEnv(new Env(Map.of("VECTOR_BACKEND", "turbopuffer",
        "TURBOPUFFER_API_KEY", "k"))));
    assertThrows(ConfigException.class, () -> VectorConfig.fromEnv(new Env(Map.of("VECTOR_BACKEND", "turbopuffer",
        "TURBOPUFFER_API_KEY", "k", "TURBOPUFFER_BASE_URL", "ftp://x"))));
  }
}
