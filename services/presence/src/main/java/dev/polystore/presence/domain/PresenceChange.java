package dev.polystore.presence.domain;

import java.time.Instant;

/**
 * One change of one user's presence, as watchers see it.
 *
 * @param status the status after the change; OFFLINE for {@link Kind#OFFLINE}
 * @param at when it happened: the heartbeat's time, or the moment the last device lapsed
 */
public record PresenceChange(String userId, Kind kind, PresenceStatus status, Instant at) {

  /** What happened to the user. */
  public enum Kind {
    /** Came online (or is online, in a snapshot). */
    ONLINE,
    /** The last device lapsed. */
    OFFLINE,
    /** Stayed online with another status. */
    STATUS
  }
}
