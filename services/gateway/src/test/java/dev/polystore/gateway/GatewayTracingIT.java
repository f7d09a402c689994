package dev.polystore.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.Timestamp;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.RecordEventsRequest;
import dev.polystore.devstack.Devstack;
import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.platform.config.Env;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
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
 * RPC's server span a child of the caller's span, and the store's calls (SQL statement, CQL
 * statement, S3 request) children of that.
 */
class GatewayTracingIT {
  private static final String ACCOUNTS = "polystore.accounts.v1.AccountsService";
  private static final String ACTIVITY = "polystore.activity.v1.ActivityService";
  private static final String FILES = "polystore.files.v1.FilesService";
  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private static final GatewayTelemetry.Options TELEMETRY =
      new GatewayTelemetry.Options(true, true, Optional.of(SimpleSpanProcessor.create(spans)));
  private static Gateway gateway;
  private static GatewayClient client;

  @BeforeAll
  static void start() throws InterruptedException {
    Map<String, String> env = GatewayClient.withAdmin(GatewayClient.onDevstackStores(Map.of(
        "POSTGRES_WRITER_CONN", Devstack.postgres().connectionUrl(),
        "POLYSTORE_SERVICES", "accounts,activity,files",
        Gateway.MANAGEMENT_PORT, "0")));
    gateway = Gateway.start(env, TELEMETRY, "--spring.grpc.server.port=0");
    client = new GatewayClient(gateway.port());
    client.assertServing(List.of(ACCOUNTS, ACTIVITY, FILES), Duration.ofSeconds(120));
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
  }

  @Test
  void oneCallIsTheCallersChildAndItsStoreCallIsTheRpcsChild() {
    Caller caller = new Caller();
    try {
      caller.stub(AccountsServiceGrpc.newBlockingStub(client.channel))
          .getUser(GetUserRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build());
    } catch (StatusRuntimeException notFound) {
      // An unknown user: NOT_FOUND, after the store was asked, which is the span tree we want.
    }

    SpanData rpc = caller.rpcSpan(ACCOUNTS + "/GetUser");
    assertEquals("NOT_FOUND", attribute(rpc, "grpc.status_code"));
    SpanData select = caller.child(rpc, "SELECT");
    assertEquals("accounts", attribute(select, "db.namespace"));
  }

  @Test
  void anActivityCallsCqlStatementsAreTheRpcsChildren() {
    Caller caller = new Caller();
    String workspace = UUID.randomUUID().toString();
    Instant now = Instant.now();
    caller.stub(ActivityServiceGrpc.newBlockingStub(client.channel)).recordEvents(RecordEventsRequest.newBuilder()
        .addEvents(Event.newBuilder().setEventId("trace-1").setWorkspaceId(workspace).setActorId("user-1")
            .setType("file.uploaded").setSubject("files/1").setOccurredAt(timestamp(now)))
        .build());

    SpanData rpc = caller.rpcSpan(ACTIVITY + "/RecordEvents");
    SpanData cql = caller.child(rpc, "INSERT");
    assertEquals("cassandra", attribute(cql, "db.system.name"));
    assertEquals("activity", attribute(cql, "db.namespace"));
    // Statements chained on the driver's threads after the first (the counts) are the RPC's children too.
    assertTrue(caller.trace().stream().filter(span -> "cassandra".equals(attribute(span, "db.system.name")))
        .allMatch(span -> rpc.getSpanId().equals(span.getParentSpanId())), () -> "every CQL span: " + caller.trace());
  }

  @Test
  void aFilesCallsS3RequestIsTheRpcsChild() {
    Caller caller = new Caller();
    String workspace = UUID.randomUUID().toString();
    String fileId = FilesServiceGrpc.newBlockingStub(client.channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .createUpload(CreateUploadRequest.newBuilder().setWorkspaceId(workspace).setFilename("t.txt")
            .setContentType("text/plain").setSizeBytes(3).setMethod(UploadMethod.UPLOAD_METHOD_PUT).build())
        .getFile().getFileId();
    try {
      caller.stub(FilesServiceGrpc.newBlockingStub(client.channel)).completeUpload(CompleteUploadRequest.newBuilder()
          .setWorkspaceId(workspace).setFileId(fileId).build());
    } catch (StatusRuntimeException nothingUploaded) {
      // FAILED_PRECONDITION after S3 was asked for the object (HeadObject), which is the tree we want.
    }

    SpanData rpc = caller.rpcSpan(FILES + "/CompleteUpload");
    assertEquals("FAILED_PRECONDITION", attribute(rpc, "grpc.status_code"));
    assertEquals("files", attribute(caller.child(rpc, "SELECT"), "db.namespace"));
    SpanData head = caller.child(rpc, "S3.HeadObject");
    assertEquals("aws-api", attribute(head, "rpc.system"));
    assertEquals("HeadObject", attribute(head, "rpc.method"));
  }

  @Test
  void aZeroRatioTracesOnlyTheCallsOfCallersThatTraceThem() {
    GatewayTelemetry.apply(new GatewayTelemetry.Options(true, true, TELEMETRY.spans(), SpanSampling.fromEnv(new Env(Map.of(
        SpanSampling.SAMPLER, "parentbased_traceidratio", SpanSampling.SAMPLER_ARG, "0")))));
    try {
      GetUserRequest unknown = GetUserRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build();
      Caller first = new Caller();
      assertThrows(StatusRuntimeException.class, () -> first.stub(AccountsServiceGrpc.newBlockingStub(client.channel))
          .getUser(unknown));
      first.child(first.rpcSpan(ACCOUNTS + "/GetUser"), "SELECT"); // the caller sampled it: traced whole

      long untracedStart = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
      assertThrows(StatusRuntimeException.class, () -> AccountsServiceGrpc.newBlockingStub(client.channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS).getUser(unknown));
      Caller next = new Caller();
      assertThrows(StatusRuntimeException.class, () -> next.stub(AccountsServiceGrpc.newBlockingStub(client.channel))
          .getUser(unknown));
      next.child(next.rpcSpan(ACCOUNTS + "/GetUser"), "SELECT");
      // Background work (the outbox relay, the stream consumers) may still end spans whose traces
      // began, sampled, before the ratio changed: those have a recorded parent. The untraced call
      // would show as a server span or as a new root (its SQL with the RPC's context lost).
      List<SpanData> untraced = spans.getFinishedSpanItems().stream()
          .filter(span -> span.getStartEpochNanos() >= untracedStart && !span.getTraceId().equals(next.traceId))
          .filter(span -> span.getKind() == SpanKind.SERVER || !span.getParentSpanContext().isValid())
          .toList();
      assertTrue(untraced.isEmpty(), () -> "the call nobody traced left no span, for the RPC or its SQL: " + untraced);
    } finally {
      GatewayTelemetry.apply(TELEMETRY);
    }
  }

  @Test
  void backgroundWorkLeavesNoSpans() throws InterruptedException {
    // Health probes, the outbox relays (accounts: PostgreSQL, files: Cassandra) and activity's
    // stream consumers call their stores all the time; without a call, none of it is a trace.
    double commandsBefore = valkeyCommands();
    long windowStart = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    Thread.sleep(3_000);
    assertTrue(valkeyCommands() > commandsBefore, "the background loops sent Valkey commands meanwhile");
    List<SpanData> all = spans.getFinishedSpanItems();
    List<String> calls = all.stream().filter(span -> span.getKind() == SpanKind.SERVER).map(SpanData::getTraceId).toList();
    List<SpanData> background = all.stream()
        .filter(span -> span.getStartEpochNanos() >= windowStart && !calls.contains(span.getTraceId()))
        .toList();
    assertTrue(background.isEmpty(), () -> "spans of no call: " + background);
  }

  /** Commands Lettuce completed, as its latency recorder counts them (every command, traced or not). */
  private static double valkeyCommands() {
    return io.micrometer.core.instrument.Metrics.globalRegistry.find("lettuce.command.completion").timers().stream()
        .mapToDouble(timer -> timer.count()).sum();
  }

  /** A caller with a trace of its own, sending W3C traceparent, and the spans of that trace. */
  private static final class Caller {
    final String traceId = UUID.randomUUID().toString().replace("-", "");
    final String spanId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    <T extends AbstractStub<T>> T stub(T stub) {
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), "00-" + traceId + "-" + spanId + "-01");
      return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
          .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    List<SpanData> trace() {
      return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** The RPC's server span, once ended: it continues the caller's span. */
    SpanData rpcSpan(String name) {
      await().atMost(Duration.ofSeconds(10)).until(() -> trace().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
      SpanData rpc = trace().stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
      assertEquals(spanId, rpc.getParentSpanId(), "the RPC's span continues the caller's");
      assertEquals(name, rpc.getName());
      return rpc;
    }

    /** A span of the RPC's whose name starts with {@code prefix}. */
    SpanData child(SpanData rpc, String prefix) {
      return trace().stream()
          .filter(span -> rpc.getSpanId().equals(span.getParentSpanId()) && span.getName().startsWith(prefix))
          .findFirst().orElseGet(() -> fail(prefix + "... is no child of the RPC's span: " + trace()));
    }
  }

  private static Object attribute(SpanData span, String key) {
    return span.getAttributes().asMap().entrySet().stream()
        .filter(entry -> entry.getKey().getKey().equals(key)).map(Map.Entry::getValue).findFirst().orElse(null);
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
