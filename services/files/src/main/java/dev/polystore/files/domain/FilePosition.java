package dev.polystore.files.domain;

import java.time.Instant;
import java.util.UUID;

/** A place in a workspace's newest-first list: files before it are newer, or as new with a larger id. */
public record FilePosition(Instant createdAt, UUID fileId) {}
