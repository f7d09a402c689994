package dev.polystore.platform.s3;

import java.time.Instant;
import java.util.Optional;

/**
 * What a browser POST upload may do: put exactly one key into one bucket, with exactly one
 * content type and a body whose length is within a range (and whose SHA-256 is the given one),
 * before a time.
 *
 * @param minLength smallest body accepted, in bytes
 * @param maxLength largest body accepted, in bytes
 * @param sha256 Base64 of the body's SHA-256, when declared: sent as the form field
 *     {@code x-amz-checksum-sha256}, which S3 checks against the body it receives and refuses
 *     the upload on a mismatch (and keeps as the object's checksum)
 */
public record PostPolicy(String bucket, String key, String contentType, long minLength, long maxLength,
    Instant expiresAt, Optional<String> sha256) {

  /** A policy that pins no checksum. */
  public PostPolicy(String bucket, String key, String contentType, long minLength, long maxLength, Instant expiresAt) {
    this(bucket, key, contentType, minLength, maxLength, expiresAt, Optional.empty());
  }

  public PostPolicy {
    if (minLength < 0 || maxLength < minLength) {
      throw new IllegalArgumentException("content-length-range " + minLength + ".." + maxLength + " is empty");
    }
  }
}
