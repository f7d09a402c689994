package dev.polystore.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.DeleteFileRequest;
import dev.polystore.files.v1.File;
import dev.polystore.files.v1.FileStatus;
import dev.polystore.files.v1.GetDownloadUrlRequest;
import dev.polystore.files.v1.GetFileRequest;
import dev.polystore.files.v1.ListFilesRequest;
import dev.polystore.files.v1.ListFilesResponse;
import dev.polystore.files.v1.PresignedRequest;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.files.v1.UploadPart;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Presigned requests as a browser sends them, to devstack's S3 itself: the declared upload gets in,
 * anything else is refused by S3's own signature and policy checks, and CompleteUpload refuses
 * bytes that are not what was declared.
 */
class FilesUploadIT {
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
  void aPutUploadCompletesAndDownloadsUnderItsOriginalName() throws Exception {
    byte[] bytes = "hello, files".getBytes(StandardCharsets.UTF_8);
    String filename = "Résumé \"final\" 100%.txt";
    CreateUploadResponse upload = create(filename, "text/plain", bytes.length, Http.sha256(bytes), UploadMethod.UPLOAD_METHOD_PUT);
    File pending = upload.getFile();
    assertEquals(FileStatus.FILE_STATUS_PENDING, pending.getStatus());
    assertTrue(upload.getPut().getUrl().contains("/workspaces/" + workspace + "/files/" + pending.getFileId() + "?"),
        "the key is the service's, not the filename");

    assertEquals(200, Http.put(upload.getPut(), bytes).statusCode());
    File ready = complete(pending.getFileId());

    assertEquals(FileStatus.FILE_STATUS_READY, ready.getStatus());
    assertTrue(ready.hasReadyTime());
    assertEquals(ready, server.files().getFile(GetFileRequest.newBuilder().setWorkspaceId(workspace)
        .setFileId(pending.getFileId()).build()).getFile());
    assertEquals(ready, complete(pending.getFileId()), "completing again changes nothing");
    HttpResponse<byte[]> download = Http.get(server.files().getDownloadUrl(GetDownloadUrlRequest.newBuilder()
        .setWorkspaceId(workspace).setFileId(pending.getFileId()).build()).getUrl());
    assertEquals(200, download.statusCode());
    assertArrayEquals(bytes, download.body());
    assertEquals("attachment; filename=\"R_sum_ _final_ 100_.txt\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%20100%25.txt",
        download.headers().firstValue("Content-Disposition").orElse(""));
  }

  @Test
  void s3RefusesAPutThatIsNotExactlyTheSignedOne() throws Exception {
    byte[] bytes = "exactly these bytes".getBytes(StandardCharsets.UTF_8);
    CreateUploadResponse upload = create("a.txt", "text/plain", bytes.length, "", UploadMethod.UPLOAD_METHOD_PUT);
    PresignedRequest put = upload.getPut();
    String key = "workspaces/" + workspace + "/files/" + upload.getFile().getFileId();

    assertFalse(Http.ok(Http.put(put, "exactly these bytes, and more".getBytes(StandardCharsets.UTF_8))), "longer body");
    assertFalse(Http.ok(Http.put(put, "exactly".getBytes(StandardCharsets.UTF_8))), "shorter body");
    assertFalse(Http.ok(Http.put(put.getUrl(), Map.of("Content-Type", "image/png"), bytes)), "other content type");
    String signature = put.getUrl().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
    String tampered = signature.substring(0, 63) + (signature.endsWith("0") ? "1" : "0");
    assertFalse(Http.ok(Http.put(put.getUrl().replace(signature, tampered), put.getHeadersMap(), bytes)), "signature");
    assertFalse(Http.ok(Http.put(put.getUrl().replace(upload.getFile().getFileId(), UUID.randomUUID().toString()),
        put.getHeadersMap(), bytes)), "other key");
    assertFalse(server.objects().contains(key));
    assertEquals(List.of(), server.objects().stream().filter(k -> k.startsWith("workspaces/" + workspace)).toList());

    assertEquals(200, Http.put(put, bytes).statusCode());
    assertTrue(server.objects().contains(key));
  }

  @Test
  void s3RefusesBytesThatDoNotMatchTheSignedChecksum() throws Exception {
    byte[] bytes = "checked bytes".getBytes(StandardCharsets.UTF_8);
    CreateUploadResponse upload = create("c.txt", "text/plain", bytes.length, Http.sha256(bytes), UploadMethod.UPLOAD_METHOD_PUT);
    assertTrue(upload.getPut().getHeadersMap().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("x-amz-checksum-sha256")));

    assertFalse(Http.ok(Http.put(upload.getPut(), "CHECKED BYTES".getBytes(StandardCharsets.UTF_8))));
    assertEquals(200, Http.put(upload.getPut(), bytes).statusCode());
  }

  @Test
  void aPostUploadIsHeldToItsPolicy() throws Exception {
    byte[] bytes = new byte[1000];
    new Random(1).nextBytes(bytes);
    CreateUploadResponse upload = create("p.png", "image/png", bytes.length, "", UploadMethod.UPLOAD_METHOD_POST);
    String key = "workspaces/" + workspace + "/files/" + upload.getFile().getFileId();

    assertFalse(Http.ok(Http.post(upload.getPost(), Map.of(), Arrays.copyOf(bytes, 1001))), "above the range");
    assertFalse(Http.ok(Http.post(upload.getPost(), Map.of(), Arrays.copyOf(bytes, 999))), "below the range");
    assertFalse(Http.ok(Http.post(upload.getPost(), Map.of("key", key + "-other"), bytes)), "other key");
    assertFalse(Http.ok(Http.post(upload.getPost(), Map.of("Content-Type", "text/plain"), bytes)), "other type");
    assertFalse(server.objects().contains(key));

    HttpResponse<String> accepted = Http.post(upload.getPost(), Map.of(), bytes);
    assertTrue(Http.ok(accepted), () -> accepted.statusCode() + " " + accepted.body());
    assertEquals(FileStatus.FILE_STATUS_READY, complete(upload.getFile().getFileId()).getStatus());
  }

  @Test
  void s3RefusesAPostWhoseBytesDifferFromTheDeclaredSha256() throws Exception {
    byte[] declared = "the declared bytes".getBytes(StandardCharsets.UTF_8);
    byte[] sent = Arrays.copyOf("other bytes, same n".getBytes(StandardCharsets.UTF_8), declared.length);
    // The policy pins x-amz-checksum-sha256: S3 itself refuses other bytes of the right length,
    // and keeps the checksum, so CompleteUpload needs no read-back.
    CreateUploadResponse upload = create("d.txt", "text/plain", declared.length, Http.sha256(declared),
        UploadMethod.UPLOAD_METHOD_POST);
    String key = "workspaces/" + workspace + "/files/" + upload.getFile().getFileId();
    assertFalse(Http.ok(Http.post(upload.getPost(), Map.of(), sent)), "other bytes");
    assertFalse(Http.ok(Http.post(upload.getPost(), Map.of("x-amz-checksum-sha256",
        java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(sent))),
        sent)), "another checksum breaks the policy");
    assertFalse(server.objects().contains(key));

    assertTrue(Http.ok(Http.post(upload.getPost(), Map.of(), declared)));
    assertEquals(FileStatus.FILE_STATUS_READY, complete(upload.getFile().getFileId()).getStatus());
  }

  @Test
  void completeUploadWithNothingUploadedFailsAndDownloadsWaitForReady() {
    CreateUploadResponse upload = create("n.txt", "text/plain", 10, "", UploadMethod.UPLOAD_METHOD_PUT);
    String fileId = upload.getFile().getFileId();

    assertEquals(Status.Code.FAILED_PRECONDITION, assertThrows(StatusRuntimeException.class,
        () -> complete(fileId)).getStatus().getCode());
    assertEquals(Status.Code.FAILED_PRECONDITION, assertThrows(StatusRuntimeException.class,
        () -> server.files().getDownloadUrl(GetDownloadUrlRequest.newBuilder().setWorkspaceId(workspace)
            .setFileId(fileId).build())).getStatus().getCode());
    assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class,
        () -> server.files().getFile(GetFileRequest.newBuilder().setWorkspaceId(UUID.randomUUID().toString())
            .setFileId(fileId).build())).getStatus().getCode(), "another workspace does not see it");
  }

  @Test
  void aLargeFileGoesUpInPresignedParts() throws Exception {
    byte[] bytes = new byte[(int) (6 * FilesServer.MIB + 100)];
    new Random(2).nextBytes(bytes);
    CreateUploadResponse upload = create("big.pdf", "application/pdf", bytes.length, Http.sha256(bytes),
        UploadMethod.UPLOAD_METHOD_PUT);
    List<UploadPart> parts = upload.getMultipart().getPartsList();
    assertEquals(List.of(5 * FilesServer.MIB, FilesServer.MIB + 100), parts.stream().map(UploadPart::getSizeBytes).toList());

    UploadPart first = parts.get(0);
    assertTrue(Http.ok(Http.put(first.getRequest(), Arrays.copyOfRange(bytes, 0, (int) first.getSizeBytes()))));
    assertEquals(Status.Code.FAILED_PRECONDITION, assertThrows(StatusRuntimeException.class,
        () -> complete(upload.getFile().getFileId())).getStatus().getCode(), "a part is missing");
    UploadPart second = parts.get(1);
    assertFalse(Http.ok(Http.put(second.getRequest(), Arrays.copyOfRange(bytes, 0, (int) second.getSizeBytes() + 1))),
        "a part's length is signed");
    assertTrue(Http.ok(Http.put(second.getRequest(), Arrays.copyOfRange(bytes, (int) second.getOffset(), bytes.length))));

    assertEquals(FileStatus.FILE_STATUS_READY, complete(upload.getFile().getFileId()).getStatus());
    byte[] downloaded = Http.get(server.files().getDownloadUrl(GetDownloadUrlRequest.newBuilder()
        .setWorkspaceId(workspace).setFileId(upload.getFile().getFileId()).build()).getUrl()).body();
    assertEquals(Http.sha256(bytes), Http.sha256(downloaded));
  }

  @Test
  void listsNewestFirstInKeysetPagesAndDeletesObjectAndRecord() throws Exception {
    List<File> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(create("f" + i + ".txt", "text/plain", 1, "", UploadMethod.UPLOAD_METHOD_PUT).getFile());
    }
    List<File> expected = created.stream().sorted(Comparator
        .comparing((File f) -> f.getCreateTime().getSeconds() * 1_000_000_000L + f.getCreateTime().getNanos() / 1_000_000 * 1_000_000)
        .thenComparing(f -> UUID.fromString(f.getFileId())).reversed()).map(File::getFileId).map(id -> created.stream()
        .filter(f -> f.getFileId().equals(id)).findFirst().orElseThrow()).toList();

    List<String> listed = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      ListFilesResponse page = server.files().listFiles(ListFilesRequest.newBuilder().setWorkspaceId(workspace)
          .setPageSize(2).setPageToken(token).build());
      page.getFilesList().forEach(f -> listed.add(f.getFileId()));
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());
    assertEquals(expected.stream().map(File::getFileId).toList(), listed);
    assertEquals(3, pages);

    File doomed = created.get(0);
    String key = "workspaces/" + workspace + "/files/" + doomed.getFileId();
    CreateUploadResponse again = create("g.txt", "text/plain", 1, "", UploadMethod.UPLOAD_METHOD_PUT);
    assertTrue(Http.ok(Http.put(again.getPut(), new byte[] {'x'})));
    complete(again.getFile().getFileId());
    server.files().deleteFile(DeleteFileRequest.newBuilder().setWorkspaceId(workspace).setFileId(doomed.getFileId()).build());
    server.files().deleteFile(DeleteFileRequest.newBuilder().setWorkspaceId(workspace)
        .setFileId(again.getFile().getFileId()).build());

    assertFalse(server.objects().contains(key));
    assertFalse(server.objects().contains("workspaces/" + workspace + "/files/" + again.getFile().getFileId()));
    assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class,
        () -> get(again.getFile().getFileId())).getStatus().getCode());
    assertEquals(4, server.files().listFiles(ListFilesRequest.newBuilder().setWorkspaceId(workspace).build()).getFilesCount());
  }

  private CreateUploadResponse create(String filename, String type, long size, String sha256, UploadMethod method) {
    return server.files().createUpload(CreateUploadRequest.newBuilder().setWorkspaceId(workspace).setFilename(filename)
        .setContentType(type).setSizeBytes(size).setSha256(sha256).setMethod(method).build());
  }

  private File complete(String fileId) {
    return server.files().completeUpload(CompleteUploadRequest.newBuilder().setWorkspaceId(workspace)
        .setFileId(fileId).build()).getFile();
  }

  private File get(String fileId) {
    return server.files().getFile(GetFileRequest.newBuilder().setWorkspaceId(workspace).setFileId(fileId).build()).getFile();
  }
}
