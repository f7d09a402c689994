package dev.polystore.messenger.store;

import dev.polystore.platform.ids.UuidV7;
import java.util.Optional;
import java.util.UUID;

/**
 * What a post needs of its room, read under the room's lock ({@link PostSql#roomFacts()}): the
 * room's workspace, whether the author is a member, and the room's newest message, if any.
 */
public record RoomFacts(UUID workspaceId, boolean member, Optional<UUID> lastMessageId) {
  /**
   * The new message's id, after the room's newest: posts of another process, whose clock may run
   * ahead of ours, never sort after this one.
   */
  public UUID nextMessageId(UuidV7 ids) {
    return lastMessageId.map(ids::nextAfter).orElseGet(ids::next);
  }
}
