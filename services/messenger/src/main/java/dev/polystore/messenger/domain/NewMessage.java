package dev.polystore.messenger.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * A post as asked for, before it has an id.
 *
 * @param workspaceId the workspace the room must belong to; a room of another is not found
 * @param clientMessageId the author's idempotency key, unique per room and author
 */
public record NewMessage(UUID workspaceId, UUID roomId, UUID authorId, String clientMessageId, String body) {

  /**
   * The message this post makes with {@code id} in the room's workspace, created at {@code now}
   * as the store keeps it (microseconds): what its row and its event carry.
   */
  public Message posted(UUID id, UUID roomWorkspaceId, Instant now) {
    return new Message(id, roomId, roomWorkspaceId, authorId, clientMessageId, body,
        now.truncatedTo(ChronoUnit.MICROS), Optional.empty(), Optional.empty(), 1);
  }
}
