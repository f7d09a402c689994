package dev.polystore.platform.vector.turbopuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import io.grpc.Context;
import io.grpc.Deadline;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the client meets turbopuffer's failures: what it retries, and what callers see when retries run out. */
class TurbopufferErrorsIT {
  private static final WriteBatch ONE_DOCUMENT = WriteBatch.upsert(
      List.of(new VectorDocument("a", new float[] {1, 0}, "text", Map.of())));

  @TempDir
  static Path data;
  private static LocalTurbopuffer server;
  private static TurbopufferVectorStore store;

  @BeforeAll
  static void start() throws IOException {
    server = LocalTurbopuffer.start(0, data, "test-key");
    store = new TurbopufferVectorStore(server.clientConfig(3));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void throttlingIsRetriedThenResourceExhausted() {
    server.failNext(429, 100);
    int before = server.dataRequests();

    ServiceException e = assertThrows(ServiceException.class, () -> store.write("throttled", ONE_DOCUMENT));

    assertEquals(ServiceException.Reason.RESOURCE_EXHAUSTED, e.reason());
    assertTrue(e.retryAfter() != null);
    assertEquals(3, server.dataRequests() - before, "three tries");
    server.failNext(0, 0);
  }

  @Test
  void serverErrorsAreRetriedThenUnavailable() {
    server.failNext(503, 100);
    int before = server.dataRequests();

    ServiceException e = assertThrows(ServiceException.class, () -> store.query("down",
        new VectorQuery(new Ranking.FullText("x"), null, 1, Map.of())));

    assertEquals(ServiceException.Reason.UNAVAILABLE, e.reason());
    assertEquals(3, server.dataRequests() - before, "three tries");
    server.failNext(0, 0);
  }

  @Test
  void aPassingFailureIsRetriedAway() {
    server.failNext(500, 2);

    store.write("flaky", ONE_DOCUMENT);

    assertEquals(1, store.query("flaky", new VectorQuery(new Ranking.FullText("text"), null, 1, Map.of())).size());
  }

  @Test
  void otherClientErrorsFailAtOnceWithTurbopuffersExplanation() {
    server.failNext(400, 1);
    int before = server.dataRequests();

    TurbopufferException e = assertThrows(TurbopufferException.class, () -> store.write("refused", ONE_DOCUMENT));

    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("POST /v2/namespaces/refused") && e.getMessage().contains("injected failure 400"),
        e.getMessage());
    assertEquals(1, server.dataRequests() - before, "not retried");
  }

  @Test
  void aWrongApiKeyIsNamedAndMakesTheStoreUnreachable() {
    TurbopufferVectorStore wrongKey = new TurbopufferVectorStore(new TurbopufferConfig(
        server.baseUrl(), "wrong", 3, Duration.ofMillis(5), Duration.ofSeconds(5)));

    TurbopufferException e = assertThrows(TurbopufferException.class, () -> wrongKey.write("ns", ONE_DOCUMENT));

    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains(TurbopufferConfig.API_KEY), e.getMessage());
    assertFalse(wrongKey.isReachable());
    assertTrue(store.isReachable());
  }

  @Test
  void anUnreachableServerIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    TurbopufferVectorStore nowhere = new TurbopufferVectorStore(new TurbopufferConfig(
        URI.create("http://127.0.0.1:" + closedPort), "test-key", 2, Duration.ofMillis(5), Duration.ofSeconds(5)));

    ServiceException e = assertThrows(ServiceException.class, () -> nowhere.write("ns", ONE_DOCUMENT));

    assertEquals(ServiceException.Reason.UNAVAILABLE, e.reason());
    assertFalse(nowhere.isReachable());
  }

  @Test
  void requestTimeoutsAndConflictsAreRetriedAsTheOfficialSdksDo() {
    for (int status : new int[] {408, 409}) {
      server.failNext(status, 2);
      int before = server.dataRequests();

      store.write("retried-" + status, ONE_DOCUMENT);

      assertEquals(3, server.dataRequests() - before, "two failures, then the write, for HTTP " + status);
    }
  }

  @Test
  void aRetryThatWouldEndAfterTheCallersDeadlineIsNotTried() throws Exception {
    for (Map<String, String> serverWait : List.of(Map.of("retry-after-ms", "30000"), Map.of("retry-after", "30"))) {
      server.failNext(429, 100, serverWait);
      int before = server.dataRequests();

      ServiceException e = assertThrows(ServiceException.class, () -> withDeadline(Duration.ofSeconds(2),
          () -> store.write("throttled-long", ONE_DOCUMENT)));

      assertEquals(ServiceException.Reason.RESOURCE_EXHAUSTED, e.reason());
      assertEquals(Duration.ofSeconds(30), e.retryAfter(), "the server's wait, passed on: " + serverWait);
      assertEquals(1, server.dataRequests() - before, "no retry past the deadline: " + serverWait);
    }
    server.failNext(0, 0);
  }

  @Test
  void aNotFoundOnAWriteIsAnErrorNotSilence() {
    server.failNext(404, 1);

    TurbopufferException e = assertThrows(TurbopufferException.class, () -> store.write("gone", ONE_DOCUMENT));

    assertEquals(404, e.status());
  }

  @Test
  void deletingFromANamespaceThatWasNeverWrittenDoesNothing() {
    server.failNext(404, 1);

    store.write("never-written", WriteBatch.delete(List.of("a")));

    assertTrue(store.schema("never-written").isEmpty());
  }

  /** Runs {@code call} as a gRPC handler with this much time left would. */
  private static void withDeadline(Duration left, Runnable call) throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      Context.current().withDeadline(Deadline.after(left.toMillis(), TimeUnit.MILLISECONDS), timer)
          .call(() -> {
            call.run();
            return null;
          });
    } finally {
      timer.shutdownNow();
    }
  }
}
