package dev.polystore.seeder;

import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.files.v1.FilesServiceGrpc.FilesServiceBlockingStub;
import dev.polystore.files.v1.UploadMethod;
import io.grpc.Status;
import java.util.Set;

/**
 * Files uploaded for real: small ones alternately by presigned PUT and POST, and one large file in
 * the first workspace, which the service signs as multipart when it is above its threshold.
 * Keyed by a request_id from the seed: CreateUpload answers FAILED_PRECONDITION when that file is
 * READY already, which counts as existing (it also says so for a file deleted or expired since).
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
    int perWorkspace = run.size.filesPerWorkspace;
    int total = perWorkspace * run.size.workspaces;
    run.phase("files", total, (tally, progress) -> Parallel.forEach(run.args.concurrency(), total, i -> {
      int workspace = i / perWorkspace;
      int file = i % perWorkspace;
      UploadMethod method = file % 2 == 0 ? UploadMethod.UPLOAD_METHOD_PUT : UploadMethod.UPLOAD_METHOD_POST;
      tally.count(upload(workspace, "file:" + workspace + ":" + file, FileContent.small(run.plan.keys, workspace, file), method) != null);
      progress.step(1);
    }));
    run.phase("large files", 1, (tally, progress) -> {
      String how = upload(0, "bigfile:" + run.args.bigFileBytes(), FileContent.big(run.plan.keys, run.args.bigFileBytes()), UploadMethod.UPLOAD_METHOD_PUT);
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

  /** Uploads and completes the file; how it was sent, or null when it was READY already. */
  String upload(int workspace, String entity, FileContent content, UploadMethod method) {
    String workspaceId = run.workspaceIds[workspace];
    CreateUploadResponse grant = Calls.call("files.CreateUpload", () -> run.deadline(files).createUpload(CreateUploadRequest.newBuilder()
        .setWorkspaceId(workspaceId).setFilename(content.filename()).setContentType(content.contentType())
        .setSizeBytes(content.bytes().length).setSha256(content.sha256()).setMethod(method)
        .setRequestId(run.plan.keys.uuid(entity).toString()).build()),
        Set.of(Status.Code.FAILED_PRECONDITION), status -> null);
    if (grant == null) {
      return null;
    }
    // A PENDING file from an interrupted run comes back with a fresh URL: upload and complete it now.
    String how = uploader.upload(grant, content.bytes());
    Calls.call("files.CompleteUpload", () -> run.deadline(files).completeUpload(CompleteUploadRequest.newBuilder()
        .setWorkspaceId(workspaceId).setFileId(grant.getFile().getFileId()).build()));
    return how;
  }
}
