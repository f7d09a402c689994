package dev.polystore.files.domain;

import dev.polystore.platform.errors.ServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** GetDownloadUrl: READY files only, for the caller's TTL or the service's default. */
public final class Downloads {
  private final FileStore files;
  private final ObjectStore objects;
  private final UploadLimits limits;
  private final Clock clock;

  public Downloads(FileStore files, ObjectStore objects, UploadLimits limits, Clock clock) {
    this.files = files;
    this.objects = objects;
    this.limits = limits;
    this.clock = clock;
  }

  public DownloadUrl url(UUID workspaceId, UUID fileId, Optional<Duration> ttl) {
    FileRecord file = Files.inWorkspace(files.find(fileId), workspaceId);
    if (file.status() != FileStatus.READY) {
      throw ServiceException.failedPrecondition("file " + fileId + " is " + file.status()
          + ": only READY files can be downloaded; call CompleteUpload first");
    }
    Instant now = clock.instant();
    Instant expiresAt = objects.signableUntil(now.plus(ttl.orElse(limits.downloadUrlTtl())));
    return new DownloadUrl(objects.presignDownload(file.objectKey(), file.filename(), Duration.between(now, expiresAt)),
        expiresAt);
  }
}
