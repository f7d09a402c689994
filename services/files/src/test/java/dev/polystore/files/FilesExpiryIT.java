package dev.polystore.files;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.FileStatus;
import dev.polystore.files.v1.GetFileRequest;
import dev.polystore.files.v1.UploadMethod;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upload URLs expire, and so do PENDING files: S3 refuses an expired URL, and the cleanup removes
 * the record, the bytes (and the parts) that an abandoned upload left behind.
 * The test only waits, bounded, until each expiry shows; it never asserts how long anything took.
 */
class FilesExpiryIT {
  private static final long URL_TTL_SECONDS = 5;
  private static final long PENDING_TTL_SECONDS = 6;
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Each cleanup pass reads every hour bucket of its lookback: no need to run it more often. */
  private static final Duration POLL = Duration.ofMillis(500);
  private static FilesServer server;
  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void start() throws InterruptedException {
    server = FilesServer.startServing(Map.of(
        "FILES_UPLOAD_URL_TTL_SECONDS", Long.toString(URL_TTL_SECONDS),
        "FILES_PENDING_TTL_SECONDS", Long.toString(PENDING_TTL_SECONDS),
        // The test runs the cleanup itself.
        "FILES_CLEANUP_INTERVAL_SECONDS", "86400"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void expiredUrlsAreRefusedAndAbandonedUploadsAreCleanedUp() throws Exception {
    byte[] bytes = "abandoned".getBytes(StandardCharsets.UTF_8);
    CreateUploadResponse unused = create(bytes.length);
    CreateUploadResponse abandoned = create(bytes.length);
    CreateUploadResponse completed = create(bytes.length);
    CreateUploadResponse parts = create(6 * FilesServer.MIB + 1);
    assertEquals(200, Http.put(abandoned.getPut(), bytes).statusCode());
    assertEquals(200, Http.put(completed.getPut(), bytes).statusCode());
    assertTrue(Http.ok(Http.put(parts.getMultipart().getParts(1).getRequest(), new byte[(int) FilesServer.MIB + 1])));
    assertEquals(FileStatus.FILE_STATUS_READY, server.files().completeUpload(CompleteUploadRequest.newBuilder()
        .setWorkspaceId(workspace).setFileId(completed.getFile().getFileId()).build()).getFile().getStatus());

    // S3 checks expiry by its own clock. Sending the abandoned upload's bytes again changes nothing;
    // the unused URL was signed before it, so it has expired by then too.
    await("S3 refuses the expired URL").atMost(WAIT).pollInterval(POLL)
        .until(() -> !Http.ok(Http.put(abandoned.getPut(), bytes)));
    assertFalse(Http.ok(Http.put(unused.getPut(), bytes)), "S3 refuses an expired URL");
    // The uploads fall due by the service's clock, not necessarily in one pass: count every pass.
    AtomicInteger removed = new AtomicInteger();
    await("the abandoned uploads are due").atMost(WAIT).pollInterval(POLL)
        .until(() -> removed.addAndGet(server.module.abandonedUploads().removeDue()) >= 3);
    assertEquals(3, removed.get());
    assertFalse(server.objects().contains(key(abandoned)));
    assertFalse(server.objects().contains(key(unused)));
    assertTrue(server.objects().contains(key(completed)));
    for (CreateUploadResponse gone : Arrays.asList(unused, abandoned, parts)) {
      assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, () -> get(gone)).getStatus().getCode());
    }
    assertEquals(FileStatus.FILE_STATUS_READY, server.files().getFile(GetFileRequest.newBuilder()
        .setWorkspaceId(workspace).setFileId(completed.getFile().getFileId()).build()).getFile().getStatus());
    assertEquals("0 rows: []", server.contents().get("pending_uploads"));
    assertEquals(0, server.module.abandonedUploads().removeDue(), "nothing left to do");
  }

  private CreateUploadResponse create(long size) {
    return server.files().createUpload(CreateUploadRequest.newBuilder().setWorkspaceId(workspace).setFilename("e.txt")
        .setContentType("text/plain").setSizeBytes(size).setMethod(UploadMethod.UPLOAD_METHOD_PUT).build());
  }

  private void get(CreateUploadResponse upload) {
    server.files().getFile(GetFileRequest.newBuilder().setWorkspaceId(workspace)
        .setFileId(upload.getFile().getFileId()).build());
  }

  private String key(CreateUploadResponse upload) {
    return "workspaces/" + workspace + "/files/" + upload.getFile().getFileId();
  }
}
