package dev.polystore.presence.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Typing marks: a few seconds long, repeated by clients while the user types; kept per workspace, so
 * a mark is seen only through the workspace it was set in.
 */
public final class Typing {
  /** Long enough to bridge a client's 3-5 s repeat, short enough that an abandoned mark goes soon. */
  public static final Duration MARK_TTL = Duration.ofSeconds(6);

  private final TypingStore store;
  private final Clock clock;

  public Typing(TypingStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Marks the user typing, or clears the mark when {@code stopped}; returns when the mark lapses. */
  public Optional<Instant> set(String workspaceId, String roomId, String userId, boolean stopped) {
    String workspace = Ids.uuid("workspace_id", workspaceId);
    String room = Ids.uuid("room_id", roomId);
    String user = Ids.uuid("user_id", userId);
    Instant now = clock.instant();
    if (stopped) {
      store.clear(workspace, room, user, now);
      return Optional.empty();
    }
    Instant expiry = now.plus(MARK_TTL);
    store.mark(workspace, room, user, expiry, now);
    return Optional.of(expiry);
  }

  public List<String> list(String workspaceId, String roomId) {
    return store.typing(Ids.uuid("workspace_id", workspaceId), Ids.uuid("room_id", roomId), clock.instant());
  }
}
