package dev.polystore.messenger.domain;

import java.util.UUID;

/**
 * A post as asked for, before it has an id.
 *
 * @param workspaceId the workspace the room must belong to; a room of another is not found
 * @param clientMessageId the author's idempotency key, unique per room and author
 */
public record NewMessage(UUID workspaceId, UUID roomId, UUID authorId, String clientMessageId, String body) {}
