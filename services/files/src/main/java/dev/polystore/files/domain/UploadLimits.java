package dev.polystore.files.domain;

import java.time.Duration;
import java.util.Set;

/**
 * What uploads and downloads the service allows, from its configuration.
 *
 * @param contentTypes the allow-list of media types
 * @param maxSize largest file, in bytes
 * @param multipartThreshold files larger than this go up in parts
 * @param partSize size of every part but the last; S3 wants at least 5 MiB
 * @param uploadUrlTtl how long a presigned upload works
 * @param pendingTtl how long a PENDING file lives before it is cleaned up
 * @param downloadUrlTtl how long a download URL works when the caller does not say
 */
public record UploadLimits(
    Set<String> contentTypes,
    long maxSize,
    long multipartThreshold,
    long partSize,
    Duration uploadUrlTtl,
    Duration pendingTtl,
    Duration downloadUrlTtl) {

  /** S3 takes at most 10,000 parts per upload. */
  public static final int MAX_PARTS = 10_000;

  public UploadLimits {
    contentTypes = Set.copyOf(contentTypes);
    if ((maxSize + partSize - 1) / partSize > MAX_PARTS) {
      throw new IllegalArgumentException("a file of " + maxSize + " bytes would need more than " + MAX_PARTS
          + " parts of " + partSize + " bytes");
    }
  }

  public boolean needsMultipart(long size) {
    return size > multipartThreshold;
  }
}
