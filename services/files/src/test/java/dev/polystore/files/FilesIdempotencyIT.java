package dev.polystore.files;

import static dev.polystore.platform.testing.StatusAssertions.assertCutOff;
import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static dev.polystore.platform.testing.StatusAssertions.awaitAnswer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.platform.testing.BadRequestCases;
import dev.polystore.platform.testing.Concurrently;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CreateUpload with a request_id: retries, concurrent or after Cassandra came back, leave exactly
 * one file row and sign the first call's file for the same object.
 */
class FilesIdempotencyIT {
  private static final byte[] BYTES = "idempotent".getBytes(StandardCharsets.UTF_8);
  private static FilesServer server;
  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void start() throws InterruptedException {
    server = FilesServer.startServing();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aRetryWithTheSameRequestIdReturnsTheFirstFile() throws Exception {
    CreateUploadRequest request = request(UUID.randomUUID());

    CreateUploadResponse first = server.files().createUpload(request);
    CreateUploadResponse retry = server.files().createUpload(request);

    assertSameGrant(first, retry);
    assertEquals(1, filesOfWorkspace());
    // The re-signed PUT works: the upload completes.
    assertEquals(200, Http.put(retry.getPut(), BYTES).statusCode());
    server.files().completeUpload(CompleteUploadRequest.newBuilder().setWorkspaceId(workspace)
        .setFileId(first.getFile().getFileId()).build());
    assertStatus(Status.Code.FAILED_PRECONDITION, () -> server.files().createUpload(request));
  }

  @Test
  void concurrentCallsWithOneRequestIdCreateOneFile() throws Exception {
    CreateUploadRequest request = request(UUID.randomUUID());

    List<Concurrently.Outcome<CreateUploadResponse>> outcomes =
        Concurrently.run(10, i -> server.files().createUpload(request));

    assertEquals(List.of(Status.Code.OK), outcomes.stream().map(Concurrently.Outcome::code).distinct().toList());
    assertEquals(1, outcomes.stream().map(o -> o.answer().getFile()).distinct().count());
    assertEquals(1, filesOfWorkspace());
  }

  @Test
  void anotherRequestIdCreatesAnotherFile() {
    CreateUploadResponse one = server.files().createUpload(request(UUID.randomUUID()));
    CreateUploadResponse two = server.files().createUpload(request(UUID.randomUUID()));

    assertNotEquals(one.getFile().getFileId(), two.getFile().getFileId());
    assertEquals(2, filesOfWorkspace());
  }

  @Test
  void aReusedRequestIdWithOtherFieldsOrNoUuidIsInvalid() throws Exception {
    CreateUploadRequest request = request(UUID.randomUUID());
    server.files().createUpload(request);

    for (CreateUploadRequest bad : List.of(request.toBuilder().setFilename("other.txt").build(),
        request.toBuilder().setWorkspaceId(UUID.randomUUID().toString()).build(),
        request.toBuilder().setRequestId("not-a-uuid").build())) {
      StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT, () -> server.files().createUpload(bad));
      assertEquals(List.of("request_id"), BadRequestCases.violatedFields(e));
    }
    assertEquals(1, filesOfWorkspace());
  }

  @Test
  void aRetryAfterCassandraCameBackLeavesOneFile() throws Exception {
    CreateUploadRequest request = request(UUID.randomUUID());
    try {
      server.cassandra.stop();
      assertCutOff(() -> FilesServiceGrpc.newBlockingStub(server.channel)
          .withDeadlineAfter(2, TimeUnit.SECONDS).createUpload(request));
    } finally {
      server.cassandra.start();
    }

    CreateUploadResponse first = awaitAnswer(() -> server.files().createUpload(request), Duration.ofSeconds(120));
    assertSameGrant(first, server.files().createUpload(request));
    assertEquals(1, filesOfWorkspace());
  }

  private CreateUploadRequest request(UUID requestId) {
    return CreateUploadRequest.newBuilder().setWorkspaceId(workspace).setFilename("i.txt").setContentType("text/plain")
        .setSizeBytes(BYTES.length).setMethod(UploadMethod.UPLOAD_METHOD_PUT).setRequestId(requestId.toString()).build();
  }

  /** The same file, and a PUT of the same object; its signature is fresh. */
  private static void assertSameGrant(CreateUploadResponse first, CreateUploadResponse retry) {
    assertEquals(first.getFile(), retry.getFile());
    assertEquals(URI.create(first.getPut().getUrl()).getPath(), URI.create(retry.getPut().getUrl()).getPath());
    assertEquals(first.getPut().getHeadersMap(), retry.getPut().getHeadersMap());
  }

  /**
   * Rows of the files table that belong to this test's workspace. After Cassandra restarts, the
   * test's own session reconnects on its own backoff, later than the service's may: retried
   * while no node is available yet, within a bound.
   */
  private long filesOfWorkspace() {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(AllNodesFailedException.class)
        .until(() -> server.keyspace.cql().execute("SELECT workspace_id FROM files").all().stream()
            .filter(row -> workspace.equals(String.valueOf(row.getUuid("workspace_id"))))
            .count(), count -> true);
  }
}
