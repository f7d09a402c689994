package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --health-check} against a plain health server on loopback: 0 on SERVING, 1 otherwise. */
class HealthCheckTest {
  private static final String ACCOUNTS = "polystore.accounts.v1.AccountsService";
  private static final HealthStatusManager health = new HealthStatusManager();
  private static Server server;

  @BeforeAll
  static void start() throws IOException {
    health.setStatus(ACCOUNTS, ServingStatus.SERVING);
    health.setStatus("polystore.presence.v1.PresenceService", ServingStatus.NOT_SERVING);
    server = ServerBuilder.forPort(0).addService(health.getHealthService()).build().start();
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private int check(Map<String, String> environment, String... args) {
    return HealthCheck.run(args, environment, new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  private Map<String, String> port(int port) {
    return Map.of(HealthCheck.PORT, Integer.toString(port));
  }

  @Test
  void servingServiceExitsZero() {
    assertEquals(0, check(port(server.getPort()), "--health-check", "--service", ACCOUNTS));
    assertEquals(ACCOUNTS + ": SERVING", printed.toString(StandardCharsets.UTF_8).trim());
  }

  @Test
  void wholeProcessByDefault() {
    assertEquals(0, check(port(server.getPort()), "--health-check"));
  }

  @Test
  void notServingServiceExitsOne() {
    assertEquals(1, check(port(server.getPort()), "--health-check", "--service=polystore.presence.v1.PresenceService"));
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("NOT_SERVING"), printed::toString);
  }

  @Test
  void unknownServiceExitsOne() {
    assertEquals(1, check(port(server.getPort()), "--health-check", "--service", "polystore.nothing.v1.Nothing"));
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("NOT_FOUND"), printed::toString);
  }

  @Test
  void nothingListeningExitsOne() {
    assertEquals(1, check(port(GatewayProcess.freePort()), "--health-check"));
  }

  @Test
  void malformedPortExitsOne() {
    assertEquals(1, check(Map.of(HealthCheck.PORT, "ninety"), "--health-check"));
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains(HealthCheck.PORT), printed::toString);
  }

  @Test
  void onlyTheFlagAsksForIt() {
    assertTrue(HealthCheck.isRequested(new String[] {"--spring.grpc.server.port=0", "--health-check"}));
    assertEquals(false, HealthCheck.isRequested(new String[] {"--spring.grpc.server.port=0"}));
  }
}
