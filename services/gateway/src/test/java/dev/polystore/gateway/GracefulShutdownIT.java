package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.devstack.Devstack;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production jar in a child process, hosting accounts on the test's PostgreSQL: its
 * {@code --health-check} says SERVING, SIGTERM during a burst of calls drains it in order, and
 * then {@code --health-check} fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GracefulShutdownIT {
  private static final String ACCOUNTS = "polystore.accounts.v1.AccountsService";
  private static final int GRACE_SECONDS = 10;
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(15);

  @TempDir
  static Path directory;
  private static Map<String, String> environment;
  private static GatewayProcess gateway;
  private static GatewayClient client;

  @BeforeAll
  static void start() throws InterruptedException {
    int port = GatewayProcess.freePort();
    environment = GatewayClient.withAdmin(Map.of("POSTGRES_WRITER_CONN", Devstack.postgres().connectionUrl(),
        "VALKEY_URL", Devstack.valkey().url(),
        "POLYSTORE_SERVICES", "accounts", "SPRING_GRPC_SERVER_PORT", Integer.toString(port),
        Gateway.GRACE_SECONDS, Integer.toString(GRACE_SECONDS)));
    gateway = GatewayProcess.start(GatewayProcess.execJar("polystore-gateway"), directory.resolve("gateway"), environment);
    client = new GatewayClient(port);
    assertEquals(ServingStatus.SERVING, client.awaitServing(ACCOUNTS, Duration.ofSeconds(180)), gateway::stdout);
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
  }

  @Test
  @Order(1)
  void healthCheckModeSaysServing() throws InterruptedException {
    // Up to three tries, as a container runtime retries: a fresh JVM on a busy test machine can be slow.
    String printed = "";
    for (int attempt = 1; attempt <= 3 && !printed.equals(ACCOUNTS + ": SERVING"); attempt++) {
      try (GatewayProcess check = GatewayProcess.start(GatewayProcess.execJar("polystore-gateway"),
          directory.resolve("check-" + attempt), environment, "--health-check", "--service", ACCOUNTS)) {
        int exit = check.awaitExit(Duration.ofSeconds(60));
        printed = check.stdout().trim();
        assertEquals(printed.endsWith(": SERVING") ? 0 : 1, exit, printed);
      }
    }
    assertEquals(ACCOUNTS + ": SERVING", printed);
  }

  @Test
  @Order(2)
  void sigtermDuringABurstDrainsAndExitsZero() throws InterruptedException {
    List<ServingStatus> watched = watchHealth();
    Set<Status.Code> seen = ConcurrentHashMap.newKeySet();
    List<Status.Code> unexpected = new CopyOnWriteArrayList<>();
    AtomicInteger ok = new AtomicInteger();
    CountDownLatch warm = new CountDownLatch(50);
    int callers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    for (int i = 0; i < callers; i++) {
      // Each caller calls until the gateway stops answering: every call ends OK or UNAVAILABLE.
      pool.execute(() -> {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
          Status.Code code = createUser();
          seen.add(code);
          if (code == Status.Code.OK) {
            ok.incrementAndGet();
            warm.countDown();
          } else {
            if (code != Status.Code.UNAVAILABLE) {
              unexpected.add(code);
            }
            return;
          }
        }
      });
    }
    assertTrue(warm.await(120, TimeUnit.SECONDS), "the burst is under way");

    gateway.process().destroy(); // SIGTERM on Linux

    assertEquals(0, gateway.awaitExit(Duration.ofSeconds(GRACE_SECONDS + 60)), gateway::stdout);
    pool.shutdown();
    assertTrue(pool.awaitTermination(CALL_DEADLINE.toSeconds() + 30, TimeUnit.SECONDS), "no call hangs");
    assertEquals(List.of(), unexpected, "every call ends OK or UNAVAILABLE");
    assertTrue(seen.contains(Status.Code.UNAVAILABLE), "calls after the stop get UNAVAILABLE");
    assertTrue(ok.get() >= 50, "calls before the stop succeed");
    assertTrue(watched.contains(ServingStatus.NOT_SERVING), "health turned NOT_SERVING: " + watched);
  }

  @Test
  @Order(3)
  void healthCheckModeFailsWhenNothingListens() throws InterruptedException {
    gateway.close();
    gateway.awaitExit(Duration.ofSeconds(GRACE_SECONDS + 60));
    try (GatewayProcess check = GatewayProcess.start(GatewayProcess.execJar("polystore-gateway"),
        directory.resolve("check-after"), environment, "--health-check")) {
      assertEquals(1, check.awaitExit(Duration.ofSeconds(60)), check::stdout);
    }
  }

  private static Status.Code createUser() {
    try {
      AccountsServiceGrpc.newBlockingStub(client.channel)
          .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .createUser(CreateUserRequest.newBuilder()
              .setEmail("burst+" + UUID.randomUUID() + "@example.com").setDisplayName("Burst").build());
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  /** Statuses the accounts service reports on a health Watch; the watch ends itself at NOT_SERVING. */
  private static List<ServingStatus> watchHealth() {
    List<ServingStatus> statuses = new CopyOnWriteArrayList<>();
    HealthGrpc.newStub(client.channel).watch(HealthCheckRequest.newBuilder().setService(ACCOUNTS).build(),
        new ClientResponseObserver<HealthCheckRequest, HealthCheckResponse>() {
          private ClientCallStreamObserver<HealthCheckRequest> call;

          @Override
          public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requestStream) {
            call = requestStream;
          }

          @Override
          public void onNext(HealthCheckResponse response) {
            statuses.add(response.getStatus());
            if (response.getStatus() == ServingStatus.NOT_SERVING) {
              // An open watch is an in-flight call too: ending it lets the drain finish early.
              call.cancel("seen NOT_SERVING", null);
            }
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
    return statuses;
  }
}
