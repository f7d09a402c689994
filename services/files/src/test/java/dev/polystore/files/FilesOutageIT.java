package dev.polystore.files;

import static dev.polystore.platform.testing.StatusAssertions.assertCutOff;
import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static dev.polystore.platform.testing.StatusAssertions.awaitAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.File;
import dev.polystore.files.v1.FileStatus;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.files.v1.GetFileRequest;
import dev.polystore.files.v1.UploadMethod;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * S3 or Cassandra goes away under a running service and comes back: callers get UNAVAILABLE within
 * their deadline meanwhile, and the same service answers again afterwards without a restart.
 *
 * <p>It stops the stores every test class of this JVM shares; failsafe runs classes one after
 * another, and the finally blocks start them again whatever happens.
 */
class FilesOutageIT {
  private static final Duration DEADLINE = Duration.ofSeconds(2);
  private static final byte[] BYTES = "outage".getBytes(StandardCharsets.UTF_8);
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
  void s3AwayIsUnavailableAndRecoversOnItsOwn() throws Exception {
    CreateUploadResponse upload = create();
    assertEquals(200, Http.put(upload.getPut(), BYTES).statusCode());
    try {
      server.s3.stop();

      assertStatus(Status.Code.UNAVAILABLE, () -> complete(upload.getFile().getFileId()));
      assertEquals(ServingStatus.NOT_SERVING, server.awaitStatus(ServingStatus.NOT_SERVING, Duration.ofSeconds(30)));
      assertStatus(Status.Code.UNAVAILABLE, () -> get(upload.getFile().getFileId()));
    } finally {
      server.s3.start();
    }

    File ready = awaitAnswer(() -> complete(upload.getFile().getFileId()), Duration.ofSeconds(60));
    assertEquals(FileStatus.FILE_STATUS_READY, ready.getStatus());
    assertEquals(ServingStatus.SERVING, server.awaitStatus(ServingStatus.SERVING, Duration.ofSeconds(30)));
  }

  @Test
  void cassandraAwayIsUnavailableAndRecoversOnItsOwn() throws Exception {
    File before = create().getFile();
    try {
      server.cassandra.stop();

      assertStatus(Status.Code.UNAVAILABLE, () -> get(before.getFileId()));
      assertCutOff(this::create);
      assertEquals(ServingStatus.NOT_SERVING, server.awaitStatus(ServingStatus.NOT_SERVING, Duration.ofSeconds(30)));
      assertStatus(Status.Code.UNAVAILABLE, () -> get(before.getFileId()));
    } finally {
      server.cassandra.start();
    }

    assertEquals(before, awaitAnswer(() -> get(before.getFileId()), Duration.ofSeconds(120)));
    CreateUploadResponse after = create();
    assertEquals(after.getFile(), get(after.getFile().getFileId()));
    assertEquals(ServingStatus.SERVING, server.awaitStatus(ServingStatus.SERVING, Duration.ofSeconds(30)));
  }

  private static FilesServiceGrpc.FilesServiceBlockingStub files() {
    return FilesServiceGrpc.newBlockingStub(server.channel).withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private CreateUploadResponse create() {
    return files().createUpload(CreateUploadRequest.newBuilder().setWorkspaceId(workspace).setFilename("o.txt")
        .setContentType("text/plain").setSizeBytes(BYTES.length).setMethod(UploadMethod.UPLOAD_METHOD_PUT).build());
  }

  private File complete(String fileId) {
    return files().completeUpload(CompleteUploadRequest.newBuilder().setWorkspaceId(workspace).setFileId(fileId)
        .build()).getFile();
  }

  private File get(String fileId) {
    return files().getFile(GetFileRequest.newBuilder().setWorkspaceId(workspace).setFileId(fileId).build()).getFile();
  }
}
