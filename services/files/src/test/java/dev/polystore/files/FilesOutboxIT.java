package dev.polystore.files;

import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.events.v1.Event;
import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.DeleteFileRequest;
import dev.polystore.files.v1.UploadMethod;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every files write records its event in the outbox exactly when the change committed: a refused
 * write none, the repeat of an idempotent one no second. CompleteUpload's event, which follows its
 * lightweight transaction, is written again by the retry and by the cleanup when the process died
 * in between. The server has no event bus: the events stay in the outbox.
 */
class FilesOutboxIT {
  private static final byte[] BYTES = "outboxed".getBytes(StandardCharsets.UTF_8);
  private static final long PENDING_TTL_SECONDS = 3;
  private static FilesServer server;
  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void start() throws InterruptedException {
    server = FilesServer.startServing(Map.of("FILES_PENDING_TTL_SECONDS", Long.toString(PENDING_TTL_SECONDS),
        "FILES_CLEANUP_INTERVAL_SECONDS", "86400")); // the test runs the cleanup itself
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void eachWriteRecordsOneEventAndARefusedOneNone() throws Exception {
    CreateUploadRequest create = create(UUID.randomUUID());
    CreateUploadResponse created = server.files().createUpload(create);
    String fileId = created.getFile().getFileId();
    server.files().createUpload(create); // the repeat signs the same file again
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> server.files().createUpload(create.toBuilder()
        .setRequestId(UUID.randomUUID().toString()).setContentType("application/x-refused").build()));
    assertEquals(List.of("upload.created " + fileId), events());

    assertEquals(200, Http.put(created.getPut(), BYTES).statusCode());
    server.files().completeUpload(complete(fileId));
    server.files().completeUpload(complete(fileId)); // READY already: no second event
    assertEquals(List.of("upload.created " + fileId, "upload.completed " + fileId), events());

    server.files().deleteFile(DeleteFileRequest.newBuilder().setWorkspaceId(workspace).setFileId(fileId).build());
    assertStatus(Status.Code.NOT_FOUND, () -> server.files().deleteFile(
        DeleteFileRequest.newBuilder().setWorkspaceId(workspace).setFileId(fileId).build()));
    assertEquals(List.of("upload.created " + fileId, "upload.completed " + fileId, "file.deleted " + fileId),
        events());

    Event deleted = FileOutbox.unsent(server.keyspace.cql(), workspace).stream()
        .filter(event -> event.getType().equals("file.deleted")).findFirst().orElseThrow();
    assertEquals(fileId, deleted.getSubjectId());
    assertEquals(workspace, deleted.getWorkspaceId());
  }

  @Test
  void aCompletionWhoseEventWasLostGetsItFromTheRetry() throws Exception {
    String fileId = uploaded();
    Instant readyAt = completeWithoutEvent(fileId);
    assertEquals(List.of("upload.created " + fileId), events(), "the process died before the event");

    server.files().completeUpload(complete(fileId)); // the client's retry

    assertEquals(List.of("upload.created " + fileId, "upload.completed " + fileId), events());
    Event completed = completion();
    assertEquals(readyAt.toEpochMilli(), completed.getOccurredAt().getSeconds() * 1000
        + completed.getOccurredAt().getNanos() / 1_000_000, "the event tells when the file became READY");
  }

  @Test
  void aCompletionWhoseEventWasLostAndNeverRetriedGetsItFromTheCleanup() throws Exception {
    String fileId = uploaded();
    completeWithoutEvent(fileId);
    assertEquals(List.of("upload.created " + fileId), events());

    Instant limit = Instant.now().plusSeconds(30);
    while (!events().contains("upload.completed " + fileId) && Instant.now().isBefore(limit)) {
      server.module.abandonedUploads().removeDue(); // heals once the upload's note is due
      Thread.sleep(500);
    }

    assertEquals(List.of("upload.created " + fileId, "upload.completed " + fileId), events());
  }

  /** A PENDING file whose bytes are uploaded. */
  private String uploaded() throws Exception {
    CreateUploadResponse created = server.files().createUpload(create(UUID.randomUUID()));
    assertEquals(200, Http.put(created.getPut(), BYTES).statusCode());
    return created.getFile().getFileId();
  }

  /** CompleteUpload's lightweight transaction as the store runs it, and then the process "dies": no event. */
  private static Instant completeWithoutEvent(String fileId) {
    Instant readyAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    boolean applied = server.keyspace.cql().execute("UPDATE files SET status = 'READY', ready_at = ?"
        + " WHERE file_id = ? IF status = 'PENDING'", readyAt, UUID.fromString(fileId)).wasApplied();
    assertTrue(applied, "the file was PENDING");
    return readyAt;
  }

  private Event completion() {
    return FileOutbox.unsent(server.keyspace.cql(), workspace).stream()
        .filter(event -> event.getType().equals("upload.completed")).findFirst().orElseThrow();
  }

  /** "type subject" of every event the workspace's writes recorded, in the order they happened. */
  private List<String> events() {
    return FileOutbox.all(server.keyspace.cql(), workspace).stream()
        .sorted(java.util.Comparator.comparing((Event event) -> event.getOccurredAt().getSeconds())
            .thenComparing(event -> event.getOccurredAt().getNanos()).thenComparing(Event::getType))
        .map(event -> event.getType() + " " + event.getSubjectId()).toList();
  }

  private CreateUploadRequest create(UUID requestId) {
    return CreateUploadRequest.newBuilder().setWorkspaceId(workspace).setFilename("o.txt").setContentType("text/plain")
        .setSizeBytes(BYTES.length).setMethod(UploadMethod.UPLOAD_METHOD_PUT).setRequestId(requestId.toString()).build();
  }

  private CompleteUploadRequest complete(String fileId) {
    return CompleteUploadRequest.newBuilder().setWorkspaceId(workspace).setFileId(fileId).build();
  }
}
