package dev.polystore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.gateway.GatewayProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local launcher as a user runs it (README's bin/polystore-local), for what needs no engine. */
class LocalLauncherIT {
  /** What the JVM prints first when it resolved the Vector API module, or what bin/java-runtime says without Java 21+. */
  private static final Set<String> RUNTIME_LINE_PREFIXES = Set.of(
      "WARNING: Using incubator modules: jdk.incubator.vector",
      "java-runtime: no Java 21+ found");

  @TempDir
  Path directory;

  @Test
  void healthCheckWithNothingListeningExitsOne() throws InterruptedException {
    Map<String, String> environment = environment("SPRING_GRPC_SERVER_PORT", Integer.toString(GatewayProcess.freePort()));
    try (GatewayProcess check = launch(environment, "--health-check")) {
      assertEquals(1, check.awaitExit(Duration.ofSeconds(60)));
      assertTrue(check.stdout().startsWith("(all services): "), check::stdout);
    }
  }

  @Test
  void refusesProductionModeWithOneLineAfterTheRuntimeLine() throws InterruptedException {
    try (GatewayProcess launcher = launch(environment("POLYSTORE_MODE", "production"))) {
      assertEquals(2, launcher.awaitExit(Duration.ofSeconds(60)));
      List<String> stderr = launcher.stderrLines();
      assertEquals(2, stderr.size(), () -> "stderr: " + stderr);
      assertTrue(RUNTIME_LINE_PREFIXES.stream().anyMatch(stderr.get(0)::startsWith), stderr.get(0));
      assertTrue(stderr.get(1).startsWith("polystore: configuration error: POLYSTORE_MODE: "), stderr.get(1));
    }
  }

  private GatewayProcess launch(Map<String, String> environment, String... args) {
    GatewayProcess.execJar("polystore-local"); // fails the test when the jar the script runs is missing
    Path script = Path.of("..", "..", "bin", "polystore-local").toAbsolutePath().normalize();
    return GatewayProcess.startCommand(List.of(script.toString()), directory.resolve("run"), environment, args);
  }

  /** {@code name=value} plus what the script needs to find a runtime: PATH, and JAVA_HOME when set. */
  private static Map<String, String> environment(String name, String value) {
    Map<String, String> environment = new HashMap<>(Map.of(name, value, "PATH", System.getenv("PATH")));
    if (System.getenv("JAVA_HOME") != null) {
      environment.put("JAVA_HOME", System.getenv("JAVA_HOME"));
    }
    return environment;
  }
}
