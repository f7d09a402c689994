package dev.polystore.messenger.domain;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * A room's pages read without holding a thread while the store answers, for ListMessages, which
 * the gRPC service answers from the store's callback. Each stage completes on the store's own
 * thread.
 */
public interface MessagePages {

  /**
   * A page of a room's messages and tombstones (one more than asked, see {@link MessageRange}), of
   * the workspace's only: a room of another workspace has none. May lag by a moment.
   */
  CompletionStage<List<Message>> list(UUID workspaceId, UUID roomId, MessageRange range);

  /** Whether the room is the workspace's, as of the latest writes: a room created just now is. */
  CompletionStage<Boolean> roomExists(UUID workspaceId, UUID roomId);
}
