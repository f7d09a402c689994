package dev.polystore.files.domain;

import java.time.Instant;
import java.util.List;

/** What CreateUpload hands out: the new file and how to send its bytes, valid until {@code expiresAt}. */
public record UploadGrant(FileRecord file, Upload upload, Instant expiresAt) {

  /** One of the three ways up. */
  public sealed interface Upload permits Put, Post, Multipart {}

  /** A single presigned PUT. */
  public record Put(SignedRequest request) implements Upload {}

  /** A browser POST form. */
  public record Post(SignedPost form) implements Upload {}

  /** One presigned PUT per part. */
  public record Multipart(List<SignedPart> parts) implements Upload {
    public Multipart {
      parts = List.copyOf(parts);
    }
  }
}
