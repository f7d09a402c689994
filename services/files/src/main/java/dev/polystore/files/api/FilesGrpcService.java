package dev.polystore.files.api;

import dev.polystore.files.domain.DownloadUrl;
import dev.polystore.files.domain.Downloads;
import dev.polystore.files.domain.FileCatalog;
import dev.polystore.files.domain.FilePage;
import dev.polystore.files.domain.Uploads;
import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CompleteUploadResponse;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.DeleteFileRequest;
import dev.polystore.files.v1.DeleteFileResponse;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.files.v1.GetDownloadUrlRequest;
import dev.polystore.files.v1.GetDownloadUrlResponse;
import dev.polystore.files.v1.GetFileRequest;
import dev.polystore.files.v1.GetFileResponse;
import dev.polystore.files.v1.ListFilesRequest;
import dev.polystore.files.v1.ListFilesResponse;
import dev.polystore.files.v1.SignUploadPartsRequest;
import dev.polystore.files.v1.SignUploadPartsResponse;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.ids.RequestIds;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * FilesService over gRPC: maps requests to domain calls and results to responses, and holds no
 * rules. The platform's interceptors have validated the request against the contract before any
 * method here runs, and map what the domain throws to statuses.
 */
public final class FilesGrpcService extends FilesServiceGrpc.FilesServiceImplBase {
  private final Uploads uploads;
  private final Downloads downloads;
  private final FileCatalog catalog;

  public FilesGrpcService(Uploads uploads, Downloads downloads, FileCatalog catalog) {
    this.uploads = uploads;
    this.downloads = downloads;
    this.catalog = catalog;
  }

  @Override
  public void createUpload(CreateUploadRequest request, StreamObserver<CreateUploadResponse> response) {
    reply(response, FileMessages.toMessage(uploads.create(uuid("workspace_id", request.getWorkspaceId()),
        request.getFilename(), request.getContentType(), request.getSizeBytes(),
        request.getSha256().isEmpty() ? Optional.empty() : Optional.of(request.getSha256()),
        FileMessages.method(request.getMethod()), request.getPartChecksums(), RequestIds.parse(request.getRequestId()))));
  }

  @Override
  public void completeUpload(CompleteUploadRequest request, StreamObserver<CompleteUploadResponse> response) {
    reply(response, CompleteUploadResponse.newBuilder().setFile(FileMessages.toMessage(uploads.complete(
        uuid("workspace_id", request.getWorkspaceId()), uuid("file_id", request.getFileId())))).build());
  }

  @Override
  public void signUploadParts(SignUploadPartsRequest request, StreamObserver<SignUploadPartsResponse> response) {
    reply(response, FileMessages.toPartsMessage(uploads.signParts(uuid("workspace_id", request.getWorkspaceId()),
        uuid("file_id", request.getFileId()), Set.copyOf(request.getPartNumbersList()), request.getPartSha256Map())));
  }

  @Override
  public void getDownloadUrl(GetDownloadUrlRequest request, StreamObserver<GetDownloadUrlResponse> response) {
    Optional<Duration> ttl = request.hasTtl()
        ? Optional.of(Duration.ofSeconds(request.getTtl().getSeconds(), request.getTtl().getNanos()))
        : Optional.empty();
    DownloadUrl url = downloads.url(uuid("workspace_id", request.getWorkspaceId()), uuid("file_id", request.getFileId()), ttl);
    reply(response, GetDownloadUrlResponse.newBuilder().setUrl(url.url().toString())
        .setExpireTime(FileMessages.timestamp(url.expiresAt())).build());
  }

  @Override
  public void getFile(GetFileRequest request, StreamObserver<GetFileResponse> response) {
    reply(response, GetFileResponse.newBuilder().setFile(FileMessages.toMessage(catalog.get(
        uuid("workspace_id", request.getWorkspaceId()), uuid("file_id", request.getFileId())))).build());
  }

  @Override
  public void listFiles(ListFilesRequest request, StreamObserver<ListFilesResponse> response) {
    FilePage page = catalog.list(uuid("workspace_id", request.getWorkspaceId()), request.getPageSize(),
        request.getPageToken());
    ListFilesResponse.Builder out = ListFilesResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.files().forEach(file -> out.addFiles(FileMessages.toMessage(file)));
    reply(response, out.build());
  }

  @Override
  public void deleteFile(DeleteFileRequest request, StreamObserver<DeleteFileResponse> response) {
    catalog.delete(uuid("workspace_id", request.getWorkspaceId()), uuid("file_id", request.getFileId()));
    reply(response, DeleteFileResponse.getDefaultInstance());
  }

  private static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }

  /** The contract checked the format; this only names the field should it not have. */
  private static UUID uuid(String field, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid(field, "string.uuid", "must be a UUID");
    }
  }
}
