package dev.polystore.seeder;

import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.SignUploadPartsRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.files.v1.FilesServiceGrpc.FilesServiceBlockingStub;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.files.v1.File;
import dev.polystore.files.v1.FileStatus;
import dev.polystore.files.v1.ListFilesRequest;
import dev.polystore.files.v1.ListFilesResponse;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Files uploaded for real: small ones alternately by presigned PUT and POST, and one large file in
 * the first workspace, which the service signs as multipart when it is above its threshold.
 * A READY file of the same name in the workspace counts as existing and is not sent again (the
 * request_id is kept for 24 hours only). Otherwise the request_id from the seed makes CreateUpload
 * safe to repeat: it answers FAILED_PRECONDITION when that file is READY already, which also counts
 * as existing (it says so too for a file deleted or expired since).
 */
final class FilesPhase {
  private final Run run;
  private final FilesServiceBlockingStub files;
  private final Uploader uploader = new Uploader();

  FilesPhase(Run run) {
    this.run = run;
    this.files = FilesServiceGrpc.newBlockingStub(run.channel);
  }

  void seed() {
    List<Set<String>> ready = new ArrayList<>();
    for (int w = 0; w < run.size.workspaces; w++) {
      ready.add(readyNames(run.workspaceIds[w]));
    }
    int perWorkspace = run.size.filesPerWorkspace;
    int total = perWorkspace * run.size.workspaces;
    run.phase("files", total, (tally, progress) -> Parallel.forEach(run.args.concurrency(), total, i -> {
      int workspace = i / perWorkspace;
      int file = i % perWorkspace;
      UploadMethod method = file % 2 == 0 ? UploadMethod.UPLOAD_METHOD_PUT : UploadMethod.UPLOAD_METHOD_POST;
      FileContent content = FileContent.small(run.plan.keys, workspace, file);
      tally.count(!ready.get(workspace).contains(content.filename())
          && upload(workspace, "file:" + workspace + ":" + file, content, method) != null);
      progress.step(1);
    }));
    run.phase("large files", 1, (tally, progress) -> {
      FileContent big = FileContent.big(run.plan.keys, run.args.bigFileBytes());
      String how = ready.get(0).contains(big.filename()) ? null
          : upload(0, "bigfile:" + run.args.bigFileBytes(), big, UploadMethod.UPLOAD_METHOD_PUT);
      tally.count(how != null);
      if ("put".equals(how)) {
        run.summary.note("the large file was below the gateway's multipart threshold and went as one PUT"
            + " (raise --big-file-mib, or start the gateway with a lower FILES_MULTIPART_THRESHOLD_MIB)");
      } else if (how != null) {
        run.summary.note("the large file (" + run.args.bigFileBytes() + " bytes) went by " + how);
      }
      progress.step(1);
    });
  }

  private Set<String> readyNames(String workspaceId) {
    Set<String> names = new HashSet<>();
    String token = "";
    do {
      String page = token;
      ListFilesResponse files = Calls.call("files.ListFiles", () -> run.deadline(this.files).listFiles(
          ListFilesRequest.newBuilder().setWorkspaceId(workspaceId).setPageSize(500).setPageToken(page).build()));
      for (File file : files.getFilesList()) {
        if (file.getStatus() == FileStatus.FILE_STATUS_READY) {
          names.add(file.getFilename());
        }
      }
      token = files.getNextPageToken();
    } while (!token.isEmpty());
    return names;
  }

  /** Uploads and completes the file; how it was sent, or null when it was READY already. */
  String upload(int workspace, String entity, FileContent content, UploadMethod method) {
    String workspaceId = run.workspaceIds[workspace];
    CreateUploadResponse grant = Calls.call("files.CreateUpload", () -> run.deadline(files).createUpload(CreateUploadRequest.newBuilder()
        .setWorkspaceId(workspaceId).setFilename(content.filename()).setContentType(content.contentType())
        .setSizeBytes(content.bytes().length).setSha256(content.sha256()).setMethod(method).setPartChecksums(true)
        .setRequestId(run.plan.keys.uuid(entity).toString()).build()),
        Set.of(Status.Code.FAILED_PRECONDITION), status -> null);
    if (grant == null) {
      return null;
    }
    // A PENDING file from an interrupted run comes back with a fresh URL: upload and complete it now.
    // Parts go up with their SHA-256s, which S3 checks: SignUploadParts signs each with its own.
    String how = uploader.upload(grant, content.bytes(), partSha256s -> Calls.call("files.SignUploadParts",
        () -> run.deadline(files).signUploadParts(SignUploadPartsRequest.newBuilder().setWorkspaceId(workspaceId)
            .setFileId(grant.getFile().getFileId()).putAllPartSha256(partSha256s).build())).getPartsList());
    Calls.call("files.CompleteUpload", () -> run.deadline(files).completeUpload(CompleteUploadRequest.newBuilder()
        .setWorkspaceId(workspaceId).setFileId(grant.getFile().getFileId()).build()));
    return how;
  }
}
