package dev.polystore.messenger.domain;

/** Which way a page of a room's messages runs from its cursor. */
public enum Direction {
  /** The newest messages, newest first; no cursor. */
  LATEST,
  /** Messages older than the cursor, newest first. */
  BEFORE,
  /** Messages newer than the cursor, oldest first. */
  AFTER
}
