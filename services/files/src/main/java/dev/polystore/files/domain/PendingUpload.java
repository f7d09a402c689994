package dev.polystore.files.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An upload that had not completed when it was due to expire: what the cleanup needs to remove it. */
public record PendingUpload(UUID fileId, UUID workspaceId, String objectKey, Optional<String> uploadId,
    Instant expiresAt) {}
