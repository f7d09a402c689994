package dev.polystore.messenger.domain;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Where messages are kept. Pages of a room are read through {@link MessagePages}, posts made through {@link MessagePosts}. */
public interface MessageStore {

  /**
   * The message or tombstone as of the latest writes, if it is the workspace's; one of another
   * workspace is empty.
   */
  Optional<Message> find(UUID workspaceId, UUID messageId);

  /**
   * Replaces the body of a message that is not deleted; with {@code expectedVersion}, only if it is
   * still at that version. Empty when the message was deleted or changed meanwhile.
   */
  Optional<Message> edit(Message current, String body, OptionalLong expectedVersion);

  /**
   * Empties the body of a message that is not deleted yet and marks it deleted; with
   * {@code expectedVersion}, only if it is still at that version. Empty when it was deleted or changed meanwhile.
   */
  Optional<Message> delete(Message current, OptionalLong expectedVersion);

  /** A workspace's (or one room's) live messages that match {@code query}, best first; may lag by a moment. */
  List<SearchHit> search(UUID workspaceId, Optional<UUID> roomId, String query, SearchPageRequest page);
}
