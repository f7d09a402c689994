package dev.polystore.messenger.domain;

import java.util.UUID;

/**
 * A post as asked for, before it has an id.
 *
 * @param clientMessageId the author's idempotency key, unique per room and author
 */
public record NewMessage(UUID roomId, UUID authorId, String clientMessageId, String body) {}
