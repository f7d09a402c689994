package dev.polystore.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.devstack.Devstack;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spans of one call, caught by an in-memory exporter: the caller's W3C trace continued, the
 * RPC's server span a child of the caller's span, and the store's SQL statement a child of that.
 */
class GatewayTracingIT {
  private static final String ACCOUNTS = "polystore.accounts.v1.AccountsService";
  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private static Gateway gateway;
  private static GatewayClient client;

  @BeforeAll
  static void start() throws InterruptedException {
    Map<String, String> env = GatewayClient.withAdmin(Map.of(
        "POSTGRES_WRITER_CONN", Devstack.postgres().connectionUrl(), "VALKEY_URL", Devstack.valkey().url(),
        "POLYSTORE_SERVICES", "accounts",
        Gateway.MANAGEMENT_PORT, "0"));
    gateway = Gateway.start(env, new GatewayTelemetry.Options(true, true, Optional.of(SimpleSpanProcessor.create(spans))),
        "--spring.grpc.server.port=0");
    client = new GatewayClient(gateway.port());
    assertEquals(ServingStatus.SERVING, client.awaitServing(ACCOUNTS, Duration.ofSeconds(60)));
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
  }

  @Test
  void oneCallIsTheCallersChildAndItsStoreCallIsTheRpcsChild() {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String callerSpanId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
        "00-" + traceId + "-" + callerSpanId + "-01");
    spans.reset();

    try {
      AccountsServiceGrpc.newBlockingStub(client.channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .getUser(GetUserRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build());
    } catch (StatusRuntimeException notFound) {
      // An unknown user: NOT_FOUND, after the store was asked, which is the span tree we want.
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
        .anyMatch(span -> span.getKind() == SpanKind.SERVER));
    List<SpanData> trace = spans.getFinishedSpanItems().stream()
        .filter(span -> span.getTraceId().equals(traceId)).toList();
    SpanData rpc = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    assertEquals(callerSpanId, rpc.getParentSpanId(), "the RPC's span continues the caller's");
    assertEquals("polystore.accounts.v1.AccountsService/GetUser", rpc.getName());
    assertEquals("NOT_FOUND", rpc.getAttributes().asMap().entrySet().stream()
        .filter(entry -> entry.getKey().getKey().equals("grpc.status_code")).findFirst().orElseThrow().getValue());

    List<SpanData> storeCalls = trace.stream()
        .filter(span -> rpc.getSpanId().equals(span.getParentSpanId()) && span.getName().startsWith("SELECT")).toList();
    assertFalse(storeCalls.isEmpty(), "the SELECT is a child of the RPC's span: " + trace);
    assertEquals("accounts", storeCalls.get(0).getAttributes().asMap().entrySet().stream()
        .filter(entry -> entry.getKey().getKey().equals("db.namespace")).findFirst().orElseThrow().getValue());
  }
}
