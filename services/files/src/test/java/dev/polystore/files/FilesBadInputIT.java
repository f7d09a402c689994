package dev.polystore.files;

import static dev.polystore.files.Refusals.bad;

import com.google.protobuf.Duration;
import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.DeleteFileRequest;
import dev.polystore.files.v1.GetDownloadUrlRequest;
import dev.polystore.files.v1.GetFileRequest;
import dev.polystore.files.v1.ListFilesRequest;
import dev.polystore.files.v1.UploadMethod;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every RPC, requests that break a rule (the contract's or the domain's) get INVALID_ARGUMENT
 * naming the field, and leave the keyspace and the bucket as they were: no record, no object.
 */
class FilesBadInputIT {
  private static final String NOT_A_UUID = "not-a-uuid";
  private static final String WORKSPACE = UUID.randomUUID().toString();
  private static FilesServer server;
  private static Refusals refusals;
  private static String fileId;
  private static String otherWorkspacesToken;

  @BeforeAll
  static void start() throws InterruptedException {
    server = FilesServer.startServing();
    refusals = new Refusals(server);
    // Real rows, so that each bad request below is wrong in its one field only.
    fileId = server.files().createUpload(validCreate().build()).getFile().getFileId();
    String other = UUID.randomUUID().toString();
    server.files().createUpload(validCreate().setWorkspaceId(other).build());
    server.files().createUpload(validCreate().setWorkspaceId(other).build());
    otherWorkspacesToken = server.files().listFiles(ListFilesRequest.newBuilder().setWorkspaceId(other).setPageSize(1)
        .build()).getNextPageToken();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> createUpload() {
    return refusals.of(
        bad("workspace id that is no UUID", "workspace_id", s -> s.createUpload(validCreate().setWorkspaceId(NOT_A_UUID).build())),
        bad("empty filename", "filename", s -> s.createUpload(validCreate().setFilename("").build())),
        bad("filename with a path", "filename", s -> s.createUpload(validCreate().setFilename("../etc/passwd").build())),
        bad("filename with a line break", "filename", s -> s.createUpload(validCreate().setFilename("a\r\nb.txt").build())),
        bad("filename longer than 255", "filename", s -> s.createUpload(validCreate().setFilename("a".repeat(256)).build())),
        bad("content type off the allow-list", "content_type", s -> s.createUpload(validCreate().setContentType("image/gif").build())),
        bad("content type with parameters", "content_type",
            s -> s.createUpload(validCreate().setContentType("text/plain; charset=utf-8").build())),
        bad("no content type", "content_type", s -> s.createUpload(validCreate().setContentType("").build())),
        bad("empty file", "size_bytes", s -> s.createUpload(validCreate().setSizeBytes(0).build())),
        bad("file above the largest size", "size_bytes",
            s -> s.createUpload(validCreate().setSizeBytes(16 * FilesServer.MIB + 1).build())),
        bad("sha256 that is no hex digest", "sha256", s -> s.createUpload(validCreate().setSha256("ABC").build())),
        bad("no method", "method", s -> s.createUpload(validCreate().setMethod(UploadMethod.UPLOAD_METHOD_UNSPECIFIED).build())),
        bad("unknown method", "method", s -> s.createUpload(validCreate().setMethodValue(9).build())),
        bad("POST above the multipart threshold", "method", s -> s.createUpload(validCreate()
            .setMethod(UploadMethod.UPLOAD_METHOD_POST).setSizeBytes(7 * FilesServer.MIB).build())));
  }

  @TestFactory
  Stream<DynamicTest> completeUpload() {
    return refusals.of(
        bad("workspace id that is no UUID", "workspace_id", s -> s.completeUpload(CompleteUploadRequest.newBuilder()
            .setWorkspaceId(NOT_A_UUID).setFileId(fileId).build())),
        bad("file id that is no UUID", "file_id", s -> s.completeUpload(CompleteUploadRequest.newBuilder()
            .setWorkspaceId(WORKSPACE).setFileId(NOT_A_UUID).build())));
  }

  @TestFactory
  Stream<DynamicTest> getDownloadUrl() {
    return refusals.of(
        bad("workspace id that is no UUID", "workspace_id", s -> s.getDownloadUrl(download().setWorkspaceId(NOT_A_UUID).build())),
        bad("file id that is no UUID", "file_id", s -> s.getDownloadUrl(download().setFileId("").build())),
        bad("zero ttl", "ttl", s -> s.getDownloadUrl(download().setTtl(Duration.newBuilder().setSeconds(0)).build())),
        bad("ttl above an hour", "ttl", s -> s.getDownloadUrl(download().setTtl(Duration.newBuilder().setSeconds(3601)).build())));
  }

  @TestFactory
  Stream<DynamicTest> getFile() {
    return refusals.of(
        bad("workspace id that is no UUID", "workspace_id", s -> s.getFile(GetFileRequest.newBuilder()
            .setWorkspaceId(NOT_A_UUID).setFileId(fileId).build())),
        bad("file id that is no UUID", "file_id", s -> s.getFile(GetFileRequest.newBuilder()
            .setWorkspaceId(WORKSPACE).setFileId(NOT_A_UUID).build())));
  }

  @TestFactory
  Stream<DynamicTest> listFiles() {
    return refusals.of(
        bad("workspace id that is no UUID", "workspace_id", s -> s.listFiles(list().setWorkspaceId(NOT_A_UUID).build())),
        bad("negative page size", "page_size", s -> s.listFiles(list().setPageSize(-1).build())),
        bad("page size above 500", "page_size", s -> s.listFiles(list().setPageSize(501).build())),
        bad("page token that is no token", "page_token", s -> s.listFiles(list().setPageToken("garbage!").build())),
        bad("page token of another workspace", "page_token", s -> s.listFiles(list().setPageToken(otherWorkspacesToken).build())));
  }

  @TestFactory
  Stream<DynamicTest> deleteFile() {
    return refusals.of(
        bad("workspace id that is no UUID", "workspace_id", s -> s.deleteFile(DeleteFileRequest.newBuilder()
            .setWorkspaceId(NOT_A_UUID).setFileId(fileId).build())),
        bad("file id that is no UUID", "file_id", s -> s.deleteFile(DeleteFileRequest.newBuilder()
            .setWorkspaceId(WORKSPACE).setFileId(NOT_A_UUID).build())));
  }

  private static CreateUploadRequest.Builder validCreate() {
    return CreateUploadRequest.newBuilder().setWorkspaceId(WORKSPACE).setFilename("report.pdf")
        .setContentType("application/pdf").setSizeBytes(1000).setMethod(UploadMethod.UPLOAD_METHOD_PUT);
  }

  private static GetDownloadUrlRequest.Builder download() {
    return GetDownloadUrlRequest.newBuilder().setWorkspaceId(WORKSPACE).setFileId(fileId);
  }

  private static ListFilesRequest.Builder list() {
    return ListFilesRequest.newBuilder().setWorkspaceId(WORKSPACE);
  }
}
