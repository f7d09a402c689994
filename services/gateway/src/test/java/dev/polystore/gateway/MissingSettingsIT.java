package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The production jar outside local mode: each required store setting of a hosted service, missing
 * or malformed in turn, stops start-up with one stderr line naming it, exit code 2, within
 * seconds, and with no engine started (nothing written where it runs, no child process left).
 */
class MissingSettingsIT {
  private static final Map<String, String> CASSANDRA = Map.of(
      "CASSANDRA_CONTACT_POINTS", "127.0.0.1:9042", "CASSANDRA_LOCAL_DC", "datacenter1");
  private static final Map<String, String> POSTGRES = Map.of("POSTGRES_WRITER_CONN", "postgresql://u:p@127.0.0.1:1/x");
  private static final Map<String, String> S3 = Map.of("S3_BUCKET", "polystore-files", "S3_REGION", "eu-west-1");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("accounts", Map.of(), "POSTGRES_WRITER_CONN"),
        Arguments.of("accounts", Map.of("POSTGRES_WRITER_CONN", "mysql://db:3306/x"), "POSTGRES_WRITER_CONN"),
        Arguments.of("messenger", Map.of(), "POSTGRES_WRITER_CONN"),
        // A service that produces events needs the event bus's Valkey, and sane relay settings.
        Arguments.of("accounts", POSTGRES, "VALKEY_URL"),
        Arguments.of("messenger", POSTGRES, "VALKEY_URL"),
        Arguments.of("messenger", with(POSTGRES, Map.of("VALKEY_URL", "redis://127.0.0.1:6379",
            "EVENTS_STREAM_RETENTION_HOURS", "48")), "EVENTS_STREAM_RETENTION_HOURS"),
        Arguments.of("activity", Map.of(), "CASSANDRA_CONTACT_POINTS"),
        Arguments.of("activity", without(CASSANDRA, "CASSANDRA_LOCAL_DC"), "CASSANDRA_LOCAL_DC"),
        Arguments.of("activity", Map.of("KEYSPACES_REGION", "Europe"), "KEYSPACES_REGION"),
        // The event bus: activity and search consume events from Valkey.
        Arguments.of("activity", CASSANDRA, "VALKEY_URL"),
        Arguments.of("files", S3, "CASSANDRA_CONTACT_POINTS"),
        Arguments.of("files", with(S3, without(CASSANDRA, "CASSANDRA_LOCAL_DC")), "CASSANDRA_LOCAL_DC"),
        Arguments.of("files", with(CASSANDRA, without(S3, "S3_BUCKET")), "S3_BUCKET"),
        Arguments.of("files", with(CASSANDRA, without(S3, "S3_REGION")), "S3_REGION"),
        Arguments.of("files", with(CASSANDRA, S3), "VALKEY_URL"),
        Arguments.of("presence", Map.of(), "VALKEY_URL"),
        Arguments.of("presence", Map.of("VALKEY_URL", "http://cache:6379"), "VALKEY_URL"),
        Arguments.of("search", Map.of(), "VECTOR_BACKEND"),
        Arguments.of("search", Map.of("VECTOR_BACKEND", "embedded"), "VECTOR_DATA_DIR"),
        Arguments.of("search", Map.of("VECTOR_BACKEND", "turbopuffer", "TURBOPUFFER_REGION", "gcp-us-central1"),
            "TURBOPUFFER_API_KEY"),
        Arguments.of("search", Map.of("VECTOR_BACKEND", "turbopuffer", "TURBOPUFFER_API_KEY", "key"),
            "TURBOPUFFER_REGION"),
        Arguments.of("search", Map.of("VECTOR_BACKEND", "embedded", "VECTOR_DATA_DIR", "/tmp/never-opened"),
            "VALKEY_URL"),
        // Every service by default: the first one's store is named.
        Arguments.of("", Map.of(), "POSTGRES_WRITER_CONN"),
        Arguments.of("accounts", Map.of("POLYSTORE_MODE", "local"), "POLYSTORE_MODE"));
  }

  @ParameterizedTest(name = "{0} with {1}: {2}")
  @MethodSource("cases")
  void stopsWithOneLineNamingTheVariable(String services, Map<String, String> settings, String variable,
      @TempDir Path directory) throws Exception {
    Map<String, String> environment = new HashMap<>(settings);
    if (!services.isEmpty()) {
      environment.put("POLYSTORE_SERVICES", services);
    }
    Path workDir = directory.resolve("run");
    try (GatewayProcess gateway = GatewayProcess.start(GatewayProcess.execJar("polystore-gateway"), workDir, environment)) {
      long children = mostChildrenUntilExit(gateway.process(), Duration.ofSeconds(60));
      assertEquals(2, gateway.awaitExit(Duration.ofSeconds(5)));

      List<String> stderr = gateway.stderrLines();
      assertEquals(1, stderr.size(), () -> "stderr: " + stderr);
      assertTrue(stderr.get(0).startsWith("polystore: configuration error: " + variable + ": "), stderr.get(0));
      assertEquals(0, children, "no engine started beside the gateway");
      assertEquals(List.of(), list(workDir), "nothing written where the gateway ran (no devstack)");
    }
  }

  /** Samples the process's children while it runs: an engine would be one (a child JVM, postgres). */
  private static long mostChildrenUntilExit(Process process, Duration limit) throws InterruptedException {
    long most = 0;
    long end = System.nanoTime() + limit.toNanos();
    while (process.isAlive() && System.nanoTime() < end) {
      most = Math.max(most, process.descendants().count());
      Thread.sleep(50);
    }
    return most;
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList();
    }
  }

  private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
    Map<String, String> both = new HashMap<>(a);
    both.putAll(b);
    return both;
  }

  private static Map<String, String> without(Map<String, String> settings, String variable) {
    Map<String, String> rest = new HashMap<>(settings);
    rest.remove(variable);
    return rest;
  }
}
