package dev.polystore.files.domain;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The bucket, as the domain needs it: signing requests that clients send, and checking what they sent. */
public interface ObjectStore {
  /**
   * When a request signed now stops working: {@code wanted}, or earlier when the signing
   * credentials expire first. Every expiry handed out is this, so callers are told the truth.
   */
  Instant signableUntil(Instant wanted);

  /** A PUT that S3 accepts only with exactly this length, type and (when given) SHA-256. */
  SignedRequest presignPut(String key, String contentType, long size, Optional<String> sha256, Duration ttl);

  /** A browser POST whose policy pins the key, the type, the length and (when given) the SHA-256, which S3 checks. */
  SignedPost presignPost(String key, String contentType, long size, Optional<String> sha256, Instant expiresAt);

  /** Starts a multipart upload, whose every part must carry its SHA-256 when {@code partSha256}; its upload id. */
  String startMultipart(String key, String contentType, boolean partSha256);

  /** A PUT of one part, its length and (when given) its SHA-256 signed: S3 refuses other bytes. */
  SignedRequest presignPart(String key, String uploadId, int partNumber, long size, Optional<String> sha256,
      Duration ttl);

  /**
   * Assembles a multipart upload from the parts S3 holds, if they are exactly the planned ones (with
   * the SHA-256 S3 keeps of each part, when it keeps one); false (and nothing assembled) when a part
   * is missing or of another size.
   */
  boolean completeMultipart(String key, String uploadId, List<Long> partSizes);

  /** Drops a multipart upload and its parts; nothing happens when it is gone already. */
  void abortMultipart(String key, String uploadId);

  /** What S3 holds under the key, if anything. */
  Optional<StoredObject> head(String key);

  /** The SHA-256 of the object's bytes, read through. */
  String sha256(String key);

  /** Deletes the object; nothing happens when there is none. */
  void delete(String key);

  /** A GET whose response says: attachment, with this filename. */
  URI presignDownload(String key, String filename, Duration ttl);
}
