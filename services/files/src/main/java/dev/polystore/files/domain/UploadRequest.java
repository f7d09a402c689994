package dev.polystore.files.domain;

import java.util.UUID;

/** The file that the first CreateUpload with a request id created. */
public record UploadRequest(UUID requestId, UUID workspaceId, UUID fileId) {}
