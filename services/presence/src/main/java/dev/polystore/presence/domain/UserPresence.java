package dev.polystore.presence.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * One user's presence in one workspace.
 *
 * @param lastSeen the user's last heartbeat; empty for a user never seen
 * @param expireTime when the user goes offline without another heartbeat; empty while offline
 */
public record UserPresence(String userId, PresenceStatus status, Optional<Instant> lastSeen,
    Optional<Instant> expireTime) {

  public static UserPresence neverSeen(String userId) {
    return new UserPresence(userId, PresenceStatus.OFFLINE, Optional.empty(), Optional.empty());
  }

  public boolean isOnline() {
    return status != PresenceStatus.OFFLINE;
  }
}
