package dev.polystore.platform.s3;

import java.time.Instant;

/**
 * What a browser POST upload may do: put exactly one key into one bucket, with exactly one
 * content type and a body whose length is within a range, before a time.
 *
 * @param minLength smallest body accepted, in bytes
 * @param maxLength largest body accepted, in bytes
 */
public record PostPolicy(String bucket, String key, String contentType, long minLength, long maxLength,
    Instant expiresAt) {

  public PostPolicy {
    if (minLength < 0 || maxLength < minLength) {
      throw new IllegalArgumentException("content-length-range " + minLength + ".." + maxLength + " is empty");
    }
  }
}
