package dev.polystore.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.devstack.Devstack;
import dev.polystore.platform.telemetry.AccessLog;
import dev.polystore.platform.testing.TestCredentials;
import dev.polystore.presence.v1.GetPresenceRequest;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A gateway hosting accounts on the test's PostgreSQL and presence on a Valkey that is not there:
 * good, bad and failing calls, then a scrape of the management port as Prometheus would make it,
 * and the access log they left.
 */
class GatewayMetricsIT {
  private static final String ACCOUNTS = "polystore.accounts.v1.AccountsService";
  private static final String PRESENCE = "polystore.presence.v1.PresenceService";
  private static Gateway gateway;
  private static GatewayClient client;
  private static final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    Map<String, String> env = GatewayClient.withAdmin(Map.of(
        "POSTGRES_WRITER_CONN", Devstack.postgres().connectionUrl(),
        "VALKEY_URL", "redis://127.0.0.1:" + deadPort,
        "POLYSTORE_SERVICES", "accounts,presence",
        Gateway.MANAGEMENT_PORT, "0"));
    gateway = Gateway.start(env, "--spring.grpc.server.port=0");
    // Spring configures logging as it starts: the appender goes on after that.
    accessLog.start();
    ((Logger) LoggerFactory.getLogger(AccessLog.LOGGER)).addAppender(accessLog);
    client = new GatewayClient(gateway.port());
    assertEquals(ServingStatus.SERVING, client.awaitServing(ACCOUNTS, Duration.ofSeconds(60)));
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(AccessLog.LOGGER)).detachAppender(accessLog);
    client.close();
    gateway.close();
  }

  @Test
  void callsMoveTheirCountersAndHistogramsWithServiceMethodAndStatus() throws Exception {
    MetricsScrape before = MetricsScrape.of(gateway.managementPort());
    var accounts = AccountsServiceGrpc.newBlockingStub(client.channel);
    String userId = accounts.withDeadlineAfter(10, TimeUnit.SECONDS).createUser(CreateUserRequest.newBuilder()
        .setEmail("metrics." + UUID.randomUUID() + "@example.com").setDisplayName("Metrics").build()).getUser().getUserId();
    accounts.withDeadlineAfter(10, TimeUnit.SECONDS).getUser(GetUserRequest.newBuilder().setUserId(userId).build());
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> accounts.withDeadlineAfter(10, TimeUnit.SECONDS)
        .getUser(GetUserRequest.newBuilder().setUserId("not-a-uuid").build()));
    assertStatus(Status.Code.UNAVAILABLE, () -> PresenceServiceGrpc.newBlockingStub(client.channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS).getPresence(GetPresenceRequest.newBuilder()
            .setWorkspaceId(UUID.randomUUID().toString()).addUserIds(UUID.randomUUID().toString()).build()));

    MetricsScrape scrape = MetricsScrape.of(gateway.managementPort());

    assertEquals(1.0, calls(before, scrape, rpc(ACCOUNTS, "GetUser", "OK")));
    assertEquals(1.0, calls(before, scrape, rpc(ACCOUNTS, "GetUser", "INVALID_ARGUMENT")));
    assertEquals(1.0, calls(before, scrape, rpc(ACCOUNTS, "CreateUser", "OK")));
    assertEquals(1.0, calls(before, scrape, rpc(PRESENCE, "GetPresence", "UNAVAILABLE")));
    assertTrue(scrape.count("grpc_server_seconds_bucket", rpc(ACCOUNTS, "GetUser", "OK")) > 10,
        "GetUser's latency is a histogram with buckets");
    assertEquals(0.0, scrape.value("grpc_server_active",
        Map.of("rpc_service", ACCOUNTS, "rpc_method", "GetUser")).orElseThrow(), "no call in flight now");

    // The handler pools, the stores and the process.
    assertTrue(scrape.value("executor_queued_tasks", Map.of("name", ACCOUNTS)).isPresent());
    assertEquals(0.0, scrape.value("grpc_server_handler_refused_total", Map.of("rpc_service", ACCOUNTS)).orElseThrow());
    assertTrue(scrape.value("hikaricp_connections_max", Map.of("pool", "accounts-writer")).orElseThrow() > 0);
    assertTrue(scrape.value("db_client_operation_seconds_count",
        Map.of("db_namespace", "accounts", "db_operation_name", "SELECT")).orElseThrow() >= 1,
        "GetUser's SELECT was timed");
    assertEquals(1.0, scrape.value("polystore_service_serving", Map.of("rpc_service", ACCOUNTS)).orElseThrow());
    assertEquals(0.0, scrape.value("polystore_service_serving", Map.of("rpc_service", PRESENCE)).orElseThrow());
    assertEquals(1.0, scrape.value("polystore_migrations_applied", Map.of("rpc_service", ACCOUNTS)).orElseThrow());
    assertTrue(scrape.value("polystore_build_info", Map.of()).isPresent());
    assertTrue(scrape.value("polystore_access_log_queue_remaining", Map.of()).orElseThrow() > 0);

    // The alert rules and the dashboard read series that exist (for the stores this gateway hosts).
    for (String name : MonitoringFiles.metricNames()) {
      if (name.matches("(grpc_server|polystore|hikaricp|executor|db_client)_.*")) {
        assertTrue(scrape.lines().stream().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " ")),
            "docs/monitoring reads " + name + ", which the gateway does not export");
      }
    }
  }

  @Test
  void everyCallLeavesOneAccessLogLineWithoutSecrets() {
    accessLog.list.clear();
    var accounts = AccountsServiceGrpc.newBlockingStub(client.channel);
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> accounts.withDeadlineAfter(10, TimeUnit.SECONDS)
        .getUser(GetUserRequest.newBuilder().setUserId("secret-body-" + UUID.randomUUID()).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> accounts.withDeadlineAfter(10, TimeUnit.SECONDS)
        .getUser(GetUserRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build()));

    // The line is written as the call's observation stops, which may be just after the answer left.
    await().atMost(Duration.ofSeconds(10)).until(() -> accessLog.list.size() >= 2);
    List<String> lines = List.copyOf(accessLog.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith(ACCOUNTS + "/GetUser INVALID_ARGUMENT "), lines.get(0));
    assertTrue(lines.get(1).startsWith(ACCOUNTS + "/GetUser NOT_FOUND "), lines.get(1));
    assertTrue(lines.get(1).contains("principal=admin"), lines.get(1));
    // On the console through a queue, written in batches by its worker, not the caller's thread (AsyncAccessLog).
    Logger access = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
    assertTrue(access.getAppender(AsyncAccessLog.APPENDER) instanceof BatchingConsoleAppender, "the access log is queued");
    assertFalse(access.isAdditive(), "and reaches the console only through its queue");
    for (ILoggingEvent event : List.copyOf(accessLog.list)) {
      String whole = event.getFormattedMessage() + event.getKeyValuePairs();
      assertFalse(whole.contains(TestCredentials.ADMIN_TOKEN), "no credential: " + whole);
      assertFalse(whole.contains("secret-body-"), "no request body: " + whole);
    }
  }

  /** Calls counted between two scrapes (other tests of this class call too). */
  private static double calls(MetricsScrape before, MetricsScrape after, Map<String, String> labels) {
    return after.value("grpc_server_seconds_count", labels).orElse(0.0)
        - before.value("grpc_server_seconds_count", labels).orElse(0.0);
  }

  private static Map<String, String> rpc(String service, String method, String status) {
    return Map.of("rpc_service", service, "rpc_method", method, "grpc_status_code", status);
  }

  private static void assertStatus(Status.Code code, Runnable call) {
    assertEquals(code, assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode());
  }
}
