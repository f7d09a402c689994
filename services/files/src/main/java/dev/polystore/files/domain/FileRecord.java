package dev.polystore.files.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One file's metadata.
 *
 * @param sha256 declared SHA-256, lowercase hex
 * @param uploadId S3's id of the file's multipart upload; empty for a single PUT or POST
 * @param partSize size of every part but the last of a multipart upload; 0 otherwise
 * @param partChecksums whether every part of the multipart upload goes up with its declared SHA-256, which S3 checks
 * @param readyAt when the bytes were verified; empty while PENDING
 */
public record FileRecord(
    UUID fileId,
    UUID workspaceId,
    String objectKey,
    String filename,
    String contentType,
    long sizeBytes,
    Optional<String> sha256,
    FileStatus status,
    Optional<String> uploadId,
    long partSize,
    boolean partChecksums,
    Instant createdAt,
    Optional<Instant> readyAt) {

  /** The key of a file's object: chosen by the service, never the filename. */
  public static String objectKey(UUID workspaceId, UUID fileId) {
    return "workspaces/" + workspaceId + "/files/" + fileId;
  }

  public boolean isMultipart() {
    return uploadId.isPresent();
  }

  public FileRecord ready(Instant at) {
    return new FileRecord(fileId, workspaceId, objectKey, filename, contentType, sizeBytes, sha256,
        FileStatus.READY, uploadId, partSize, partChecksums, createdAt, Optional.of(at));
  }
}
