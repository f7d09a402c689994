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
import dev.polystore.files.v1.SignUploadPartsRequest;
import dev.polystore.files.v1.SignUploadPartsResponse;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.files.v1.UploadPart;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SignUploadParts: a client whose part URLs expired before it sent every part gets new ones and
 * finishes the same multipart upload; nobody gets URLs for an upload that is not theirs or is over.
 * Upload URLs live 90 s here, so that part 1 still goes up in time when devstack's S3Proxy drops a few
 * PUTs on a loaded machine (Http retries them); the test waits, bounded, until S3 refuses an old URL,
 * and asserts no time.
 */
class FilesSignPartsIT {
  private static final Duration WAIT = Duration.ofSeconds(150);
  private static FilesServer server;
  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void start() throws InterruptedException {
    server = FilesServer.startServing(Map.of("FILES_UPLOAD_URL_TTL_SECONDS", "90"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void partsWhoseUrlsExpiredGoUpWithNewUrls() throws Exception {
    byte[] probeBytes = "probe".getBytes(StandardCharsets.UTF_8);
    CreateUploadResponse upload = create(6 * FilesServer.MIB + 1);
    List<UploadPart> planned = upload.getMultipart().getPartsList();
    assertEquals(2, planned.size());
    // Part 1 goes up first, well within the URLs' life even on a loaded machine.
    assertTrue(Http.ok(Http.put(planned.get(0).getRequest(), new byte[(int) planned.get(0).getSizeBytes()])));
    // Signed after the parts, so once S3 refuses it, the parts' URLs have expired too; the part 2
    // URL is never used while it works.
    CreateUploadResponse probe = create(probeBytes.length);

    await("S3 refuses the expired URLs").atMost(WAIT).pollInterval(Duration.ofMillis(500))
        .until(() -> !Http.ok(Http.put(probe.getPut(), probeBytes)));
    byte[] last = new byte[(int) planned.get(1).getSizeBytes()];
    assertFalse(Http.ok(Http.put(planned.get(1).getRequest(), last)), "the old URL of part 2 has expired");

    SignUploadPartsResponse signed = server.files().signUploadParts(sign(workspace, upload).addPartNumbers(2).build());
    assertEquals(1, signed.getPartsCount());
    UploadPart again = signed.getParts(0);
    assertEquals(List.of(2, planned.get(1).getOffset(), planned.get(1).getSizeBytes()),
        List.of(again.getPartNumber(), again.getOffset(), again.getSizeBytes()), "the same part as planned");
    assertTrue(signed.getExpireTime().getSeconds() > upload.getExpireTime().getSeconds());
    assertTrue(Http.ok(Http.put(again.getRequest(), last)), "the new URL works");
    assertEquals(List.of(1, 2), server.files().signUploadParts(sign(workspace, upload).build()).getPartsList().stream()
        .map(UploadPart::getPartNumber).toList(), "no part numbers: every part");

    assertEquals(FileStatus.FILE_STATUS_READY, server.files().completeUpload(CompleteUploadRequest.newBuilder()
        .setWorkspaceId(workspace).setFileId(upload.getFile().getFileId()).build()).getFile().getStatus());
    assertEquals(Status.Code.FAILED_PRECONDITION, refusal(sign(workspace, upload)), "a completed upload");
  }

  @Test
  void onlyAPendingMultipartUploadOfTheCallersWorkspaceIsSigned() {
    CreateUploadResponse upload = create(6 * FilesServer.MIB + 1);
    CreateUploadResponse single = create(10);
    String other = UUID.randomUUID().toString();

    assertEquals(Status.Code.NOT_FOUND, refusal(sign(other, upload)), "another workspace's upload");
    assertEquals(Status.Code.NOT_FOUND, refusal(sign(workspace, upload).setFileId(UUID.randomUUID().toString())));
    assertEquals(Status.Code.FAILED_PRECONDITION, refusal(sign(workspace, single)), "a single PUT");
    assertEquals(Status.Code.INVALID_ARGUMENT, refusal(sign(workspace, upload).addPartNumbers(3)), "no part 3");
    assertEquals(Status.Code.INVALID_ARGUMENT, refusal(sign(workspace, upload).addPartNumbers(0)));
    assertEquals(Status.Code.INVALID_ARGUMENT, refusal(sign(workspace, upload).addPartNumbers(1).addPartNumbers(1)));
  }

  private CreateUploadResponse create(long size) {
    return server.files().createUpload(CreateUploadRequest.newBuilder().setWorkspaceId(workspace).setFilename("s.txt")
        .setContentType("text/plain").setSizeBytes(size).setMethod(UploadMethod.UPLOAD_METHOD_PUT).build());
  }

  private static SignUploadPartsRequest.Builder sign(String workspaceId, CreateUploadResponse upload) {
    return SignUploadPartsRequest.newBuilder().setWorkspaceId(workspaceId).setFileId(upload.getFile().getFileId());
  }

  private static Status.Code refusal(SignUploadPartsRequest.Builder request) {
    return assertThrows(StatusRuntimeException.class, () -> server.files().signUploadParts(request.build()))
        .getStatus().getCode();
  }
}
