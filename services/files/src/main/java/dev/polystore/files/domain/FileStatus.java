package dev.polystore.files.domain;

/** Where a file is in its life: PENDING until its bytes were verified, then READY. */
public enum FileStatus {
  PENDING,
  READY
}
