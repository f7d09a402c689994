package dev.polystore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.gateway.GatewayProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local launcher jar as a user runs it, for what needs no engine. */
class LocalLauncherIT {
  @TempDir
  Path directory;

  @Test
  void healthCheckWithNothingListeningExitsOne() throws InterruptedException {
    Map<String, String> environment = Map.of("SPRING_GRPC_SERVER_PORT", Integer.toString(GatewayProcess.freePort()));
    try (GatewayProcess check = GatewayProcess.start(GatewayProcess.execJar("polystore-local"),
        directory.resolve("run"), environment, "--health-check")) {
      assertEquals(1, check.awaitExit(Duration.ofSeconds(60)));
      assertTrue(check.stdout().startsWith("(all services): "), check::stdout);
    }
  }

  @Test
  void refusesProductionModeWithOneLine() throws InterruptedException {
    try (GatewayProcess launcher = GatewayProcess.start(GatewayProcess.execJar("polystore-local"),
        directory.resolve("run"), Map.of("POLYSTORE_MODE", "production"))) {
      assertEquals(2, launcher.awaitExit(Duration.ofSeconds(60)));
      List<String> stderr = launcher.stderrLines();
      assertEquals(1, stderr.size(), () -> "stderr: " + stderr);
      assertTrue(stderr.get(0).startsWith("polystore: configuration error: POLYSTORE_MODE: "), stderr.get(0));
    }
  }
}
