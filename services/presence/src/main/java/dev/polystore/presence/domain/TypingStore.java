package dev.polystore.presence.domain;

import java.time.Instant;
import java.util.List;

/**
 * Where typing marks are kept, per workspace and room: the same room id under two workspaces has two
 * sets of marks. Ids arrive canonical (see {@link Ids}).
 */
public interface TypingStore {

  /** Marks the user typing until {@code expiry}, dropping the room's lapsed marks. */
  void mark(String workspaceId, String roomId, String userId, Instant expiry, Instant now);

  /** Removes the user's mark. */
  void clear(String workspaceId, String roomId, String userId, Instant now);

  /** The users whose mark is still ahead of {@code now}, in user id order; may be slightly stale. */
  List<String> typing(String workspaceId, String roomId, Instant now);
}
