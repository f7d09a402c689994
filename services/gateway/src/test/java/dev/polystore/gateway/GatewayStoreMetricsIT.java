package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.RecordEventsRequest;
import dev.polystore.devstack.Devstack;
import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.FileStatus;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.files.v1.PresignedRequest;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.search.v1.Document;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.SearchServiceGrpc;
import dev.polystore.search.v1.UpsertDocumentsRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway hosting activity and files on devstack's Cassandra and S3 and search on the embedded
 * vector engine: calls to each, then a scrape of the management port. The stores' own series (the
 * Cassandra driver's session metrics, the AWS SDK's call metrics, the vector engine's latency)
 * moved, with the labels docs/operations.md names.
 */
class GatewayStoreMetricsIT {
  private static final String ACTIVITY = "polystore.activity.v1.ActivityService";
  private static final String FILES = "polystore.files.v1.FilesService";
  private static final String SEARCH = "polystore.search.v1.SearchService";
  private static Path vectors;
  private static Gateway gateway;
  private static GatewayClient client;

  @BeforeAll
  static void start() throws Exception {
    vectors = Files.createTempDirectory(Path.of("target"), "store-metrics-vectors");
    Map<String, String> env = GatewayClient.onDevstackStores(Map.of(
        "VECTOR_BACKEND", "embedded",
        "VECTOR_DATA_DIR", vectors.toString(),
        "VALKEY_URL", Devstack.valkey().url(), // files relays its events there
        "POLYSTORE_SERVICES", "activity,files,search",
        Gateway.MANAGEMENT_PORT, "0"));
    gateway = Gateway.start(GatewayClient.withAdmin(env), "--spring.grpc.server.port=0");
    client = new GatewayClient(gateway.port());
    client.assertServing(List.of(ACTIVITY, FILES, SEARCH), Duration.ofSeconds(120));
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
  }

  @Test
  void cassandraS3AndVectorSeriesMoveWithTheirLabels() throws Exception {
    MetricsScrape before = MetricsScrape.of(gateway.managementPort());
    String workspace = UUID.randomUUID().toString();

    ActivityServiceGrpc.newBlockingStub(client.channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .recordEvents(RecordEventsRequest.newBuilder().addEvents(Event.newBuilder().setEventId("metrics-1")
            .setWorkspaceId(workspace).setActorId("user-1").setType("file.uploaded").setSubject("files/1")
            .setOccurredAt(timestamp(Instant.now()))).build());

    byte[] bytes = "abc".getBytes(StandardCharsets.UTF_8);
    var files = FilesServiceGrpc.newBlockingStub(client.channel);
    CreateUploadResponse upload = files.withDeadlineAfter(10, TimeUnit.SECONDS).createUpload(CreateUploadRequest
        .newBuilder().setWorkspaceId(workspace).setFilename("m.txt").setContentType("text/plain")
        .setSizeBytes(bytes.length).setMethod(UploadMethod.UPLOAD_METHOD_PUT).build());
    assertEquals(200, put(upload.getPut(), bytes).statusCode());
    assertEquals(FileStatus.FILE_STATUS_READY, files.withDeadlineAfter(10, TimeUnit.SECONDS).completeUpload(
        CompleteUploadRequest.newBuilder().setWorkspaceId(workspace).setFileId(upload.getFile().getFileId()).build())
        .getFile().getStatus());

    var search = SearchServiceGrpc.newBlockingStub(client.channel);
    search.withDeadlineAfter(30, TimeUnit.SECONDS).upsertDocuments(UpsertDocumentsRequest.newBuilder()
        .setWorkspaceId(workspace).addDocuments(Document.newBuilder().setId("d1").setText("tea")
            .addVector(1f).addVector(0f).addVector(0f)).build());
    search.withDeadlineAfter(30, TimeUnit.SECONDS).query(QueryRequest.newBuilder().setWorkspaceId(workspace)
        .addVector(1f).addVector(0f).addVector(0f).build());

    MetricsScrape after = MetricsScrape.of(gateway.managementPort());

    // The Cassandra driver's own session metrics, one series set per service's session.
    for (String session : List.of("polystore-activity", "polystore-files")) {
      assertTrue(moved(before, after, "cassandra_session_cql_requests_seconds_count", Map.of("session", session)),
          "CQL requests of " + session);
      assertTrue(after.value("cassandra_session_connected_nodes", Map.of("session", session)).orElseThrow() >= 1);
    }
    // The AWS SDK's call metrics: CompleteUpload's HeadObject.
    assertTrue(moved(before, after, "aws_sdk_call_seconds_count", Map.of("rpc_system", "aws-api",
        "rpc_service", "S3", "rpc_method", "HeadObject", "outcome", "success")), "S3 HeadObject");
    // The vector engine's latency, by operation.
    for (String operation : List.of("upsert", "query")) {
      Map<String, String> labels = Map.of("db_system_name", "lucene", "db_operation_name", operation);
      assertTrue(moved(before, after, "vector_operation_seconds_count", labels), "vector " + operation);
      assertTrue(after.count("vector_operation_seconds_bucket", labels) > 10, "a histogram with buckets");
    }
    // The store calls' own timers, which their spans come from.
    assertTrue(moved(before, after, "db_client_operation_seconds_count",
        Map.of("db_system_name", "cassandra", "db_namespace", "activity", "db_operation_name", "INSERT",
            "error", "none")));
    assertTrue(moved(before, after, "aws_sdk_operation_seconds_count",
        Map.of("rpc_service", "S3", "rpc_method", "HeadObject", "error", "none")));
  }

  private static boolean moved(MetricsScrape before, MetricsScrape after, String name, Map<String, String> labels) {
    return after.value(name, labels).orElse(0.0) > before.value(name, labels).orElse(0.0);
  }

  /** The presigned PUT, as a client sends it (the HTTP client sets Content-Length itself). */
  private static HttpResponse<String> put(PresignedRequest signed, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(signed.getUrl()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    signed.getHeadersMap().forEach((name, value) -> {
      if (!name.equalsIgnoreCase("content-length")) {
        request.header(name, value);
      }
    });
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
