package dev.polystore.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.File;
import dev.polystore.files.v1.FileStatus;
import dev.polystore.files.v1.GetDownloadUrlRequest;
import dev.polystore.files.v1.GetFileRequest;
import dev.polystore.files.v1.SignUploadPartsRequest;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.files.v1.UploadPart;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Multipart uploads with part checksums (CreateUpload's part_checksums): S3 checks every part
 * against the SHA-256 signed into its PUT, no part is signed without one, and CompleteUpload reads
 * nothing back. A read-back shows as a GetObject call of the AWS SDK
 * ({@code aws.sdk.call}, S3CallMetrics), counted here on a registry joined to the global one.
 */
class FilesPartChecksumsIT {
  private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
  private static FilesServer server;
  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void start() throws InterruptedException {
    Metrics.addRegistry(METERS);
    server = FilesServer.startServing();
  }

  @AfterAll
  static void stop() {
    server.close();
    Metrics.removeRegistry(METERS);
  }

  @Test
  void partsCheckedByS3CompleteWithoutAReadBack() throws Exception {
    byte[] bytes = bytes(6 * FilesServer.MIB + 100, 1);
    CreateUploadResponse upload = create(bytes.length, "", true);
    List<UploadPart> plan = upload.getMultipart().getPartsList();
    assertEquals(2, plan.size());
    assertTrue(plan.stream().noneMatch(UploadPart::hasRequest), "the plan only: parts are signed with their SHA-256s");

    Map<Integer, String> sha256s = partSha256s(bytes, plan);
    List<UploadPart> signed = server.files().signUploadParts(sign(upload).putAllPartSha256(sha256s).build()).getPartsList();
    for (UploadPart part : signed) {
      assertTrue(part.getRequest().getHeadersMap().containsKey("x-amz-checksum-sha256"), "signed: " + part);
      assertTrue(Http.ok(Http.put(part.getRequest(), slice(bytes, part))));
    }

    double readsBefore = getObjectCalls();
    File ready = complete(upload);
    assertEquals(FileStatus.FILE_STATUS_READY, ready.getStatus());
    assertEquals(readsBefore, getObjectCalls(), "nothing read back");
    byte[] downloaded = Http.get(server.files().getDownloadUrl(GetDownloadUrlRequest.newBuilder()
        .setWorkspaceId(workspace).setFileId(ready.getFileId()).build()).getUrl()).body();
    assertEquals(Http.sha256(bytes), Http.sha256(downloaded));
  }

  @Test
  void aWholeFileSha256OfAMultipartUploadIsStillReadBack() throws Exception {
    // The counter the test above relies on does move when CompleteUpload reads an object through.
    byte[] bytes = bytes(6 * FilesServer.MIB + 10, 2);
    CreateUploadResponse upload = create(bytes.length, Http.sha256(bytes), false);
    for (UploadPart part : upload.getMultipart().getPartsList()) {
      assertTrue(Http.ok(Http.put(part.getRequest(), slice(bytes, part))));
    }
    double readsBefore = getObjectCalls();
    assertEquals(FileStatus.FILE_STATUS_READY, complete(upload).getStatus());
    assertEquals(readsBefore + 1, getObjectCalls(), "one read-back");
  }

  @Test
  void aPartWhoseBytesDifferFromItsSha256IsRefusedAndTheFileStaysPending() throws Exception {
    byte[] bytes = bytes(6 * FilesServer.MIB + 100, 3);
    CreateUploadResponse upload = create(bytes.length, "", true);
    List<UploadPart> plan = upload.getMultipart().getPartsList();
    Map<Integer, String> declared = partSha256s(bytes, plan);
    byte[] other = slice(bytes, plan.get(0)).clone();
    other[7] ^= 1;

    List<UploadPart> signed = server.files().signUploadParts(sign(upload).putAllPartSha256(declared).build()).getPartsList();
    assertFalse(Http.ok(Http.put(signed.get(0).getRequest(), other)), "S3 refuses bytes of another SHA-256");
    assertTrue(Http.ok(Http.put(signed.get(1).getRequest(), slice(bytes, signed.get(1)))));
    assertEquals(Status.Code.FAILED_PRECONDITION, refusal(() -> complete(upload)), "part 1 never arrived");
    assertEquals(FileStatus.FILE_STATUS_PENDING, server.files().getFile(GetFileRequest.newBuilder()
        .setWorkspaceId(workspace).setFileId(upload.getFile().getFileId()).build()).getFile().getStatus());
  }

  @Test
  void noPartOfAnUploadWithPartChecksumsIsSignedWithoutItsSha256() {
    CreateUploadResponse multipart = create(6 * FilesServer.MIB + 1, "", true);
    CreateUploadResponse plain = create(6 * FilesServer.MIB + 1, "", false);
    assertTrue(create(10, "", true).hasPut(), "part_checksums means nothing for a single PUT");
    String sha256 = "0".repeat(64);

    assertEquals(Status.Code.INVALID_ARGUMENT, refusal(() -> server.files().signUploadParts(sign(multipart).build())),
        "every part, none with its SHA-256");
    assertEquals(Status.Code.INVALID_ARGUMENT, refusal(() -> server.files().signUploadParts(sign(multipart)
        .putPartSha256(1, sha256).addPartNumbers(2).build())), "part 2 without its SHA-256");
    assertEquals(Status.Code.INVALID_ARGUMENT, refusal(() -> server.files().signUploadParts(sign(plain)
        .putPartSha256(1, sha256).build())), "an upload created without part_checksums");
    assertEquals(Status.Code.INVALID_ARGUMENT, refusal(() -> server.files().signUploadParts(sign(multipart)
        .putPartSha256(3, sha256).build())), "no part 3");
    assertEquals(Status.Code.INVALID_ARGUMENT, refusal(() -> server.files().signUploadParts(sign(multipart)
        .putPartSha256(1, "ABC").build())), "not a SHA-256");
  }

  private CreateUploadResponse create(long size, String sha256, boolean partChecksums) {
    return server.files().createUpload(CreateUploadRequest.newBuilder().setWorkspaceId(workspace).setFilename("p.pdf")
        .setContentType("application/pdf").setSizeBytes(size).setSha256(sha256).setPartChecksums(partChecksums)
        .setMethod(UploadMethod.UPLOAD_METHOD_PUT).build());
  }

  private SignUploadPartsRequest.Builder sign(CreateUploadResponse upload) {
    return SignUploadPartsRequest.newBuilder().setWorkspaceId(workspace).setFileId(upload.getFile().getFileId());
  }

  private File complete(CreateUploadResponse upload) {
    return server.files().completeUpload(CompleteUploadRequest.newBuilder().setWorkspaceId(workspace)
        .setFileId(upload.getFile().getFileId()).build()).getFile();
  }

  private static Status.Code refusal(Runnable call) {
    return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
  }

  private static Map<Integer, String> partSha256s(byte[] bytes, List<UploadPart> parts) {
    Map<Integer, String> sha256s = new HashMap<>();
    parts.forEach(part -> sha256s.put(part.getPartNumber(), Http.sha256(slice(bytes, part))));
    return sha256s;
  }

  private static byte[] slice(byte[] bytes, UploadPart part) {
    return Arrays.copyOfRange(bytes, (int) part.getOffset(), (int) (part.getOffset() + part.getSizeBytes()));
  }

  private static byte[] bytes(long size, long seed) {
    byte[] bytes = new byte[(int) size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static double getObjectCalls() {
    return METERS.find("aws.sdk.call").tag("rpc.method", "GetObject").timers().stream().mapToDouble(Timer::count).sum();
  }
}
