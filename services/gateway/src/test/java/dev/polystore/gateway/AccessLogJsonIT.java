package dev.polystore.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.devstack.Devstack;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production jar with {@code LOG_FORMAT=json}: each call's access line reaches stdout as one
 * JSON object with the access log's fields as fields of their own, written by the batching
 * appender with the console's encoder, and the last calls' lines are written before a graceful
 * stop ends the process.
 */
class AccessLogJsonIT {
  private static final String ACCOUNTS = "polystore.accounts.v1.AccountsService";

  @TempDir
  Path directory;

  @Test
  void eachCallIsOneJsonLineWithItsFieldsAndTheLastOnesOutliveAGracefulStop() throws InterruptedException {
    int port = GatewayProcess.freePort();
    Map<String, String> environment = GatewayClient.withAdmin(Map.of(
        "POSTGRES_WRITER_CONN", Devstack.postgres().connectionUrl(),
        "VALKEY_URL", Devstack.valkey().url(),
        "POLYSTORE_SERVICES", "accounts", "SPRING_GRPC_SERVER_PORT", Integer.toString(port),
        Gateway.LOG_FORMAT, "json"));
    try (GatewayProcess gateway = GatewayProcess.start(GatewayProcess.execJar("polystore-gateway"),
        directory.resolve("gateway"), environment);
        GatewayClient client = new GatewayClient(port)) {
      assertEquals(ServingStatus.SERVING, client.awaitServing(ACCOUNTS, Duration.ofSeconds(180)), gateway::stdout);
      var accounts = AccountsServiceGrpc.newBlockingStub(client.channel);
      String missing = UUID.randomUUID().toString();
      StatusRuntimeException notFound = assertThrows(StatusRuntimeException.class,
          () -> accounts.withDeadlineAfter(10, TimeUnit.SECONDS).getUser(GetUserRequest.newBuilder().setUserId(missing).build()));
      assertEquals(Status.Code.NOT_FOUND, notFound.getStatus().getCode());

      await().atMost(Duration.ofSeconds(10)).until(() -> accessLines(gateway).size() == 1);
      String line = accessLines(gateway).get(0);
      assertTrue(line.startsWith("{") && line.endsWith("}"), "one JSON object per line: " + line);
      assertTrue(line.contains("\"rpc.method\":\"" + ACCOUNTS + "/GetUser\""), line);
      assertTrue(line.contains("\"grpc.status_code\":\"NOT_FOUND\""), line);
      assertTrue(line.contains("\"duration_ms\":\""), line);
      assertTrue(line.contains("\"enduser.id\":\"admin\""), line);
      assertFalse(line.contains("\"thread_name\":\"access-log-writer\""), "the caller's thread, not the writer's: " + line);
      assertFalse(line.contains(missing), "no request body: " + line);

      // A burst of calls, then SIGTERM at once: every answered call's line is on stdout when it exits.
      int calls = 50;
      for (int i = 0; i < calls; i++) {
        try {
          accounts.withDeadlineAfter(10, TimeUnit.SECONDS).getUser(GetUserRequest.newBuilder().setUserId("not-a-uuid").build());
        } catch (StatusRuntimeException expected) {
          assertEquals(Status.Code.INVALID_ARGUMENT, expected.getStatus().getCode());
        }
      }
      gateway.process().destroy();
      assertEquals(0, gateway.awaitExit(Duration.ofSeconds(60)), "a graceful stop");
      List<String> lines = accessLines(gateway);
      assertEquals(1 + calls, lines.size(), "every call's line written before the process ended");
      assertTrue(lines.stream().skip(1).allMatch(each -> each.contains("\"grpc.status_code\":\"INVALID_ARGUMENT\"")), lines.toString());
    }
  }

  private static List<String> accessLines(GatewayProcess gateway) {
    return gateway.stdout().lines().filter(line -> line.contains("\"logger_name\":\"polystore.access\"")).toList();
  }
}
