package dev.polystore.presence.store;

import dev.polystore.presence.domain.PresenceChange;
import dev.polystore.presence.domain.PresenceStatus;
import dev.polystore.presence.domain.UserPresence;
import java.time.Instant;
import java.util.Optional;

/**
 * The text forms the presence scripts write (presence-state.lua): a user's record
 * {@code "online_until status last_seen"}, a user's devices {@code "device expiry status ..."} and a
 * published change {@code "kind user status at"}; times in epoch milliseconds.
 */
final class PresenceRecords {
  private PresenceRecords() {}

  /**
   * A user's presence at {@code now}: status and expiry from the devices still live at {@code now},
   * last-seen from the record. Computed here rather than read from the record, because the record's
   * status is only settled again when a sweep or heartbeat passes by, and a lapse must show at once.
   *
   * @param record the user's "online_until status last_seen", null for a user never seen
   * @param devices the user's "device expiry status ..." list, null when none is stored
   */
  static UserPresence user(String userId, String record, String devices, Instant now) {
    if (record == null) {
      return UserPresence.neverSeen(userId);
    }
    Optional<Instant> lastSeen = Optional.of(Instant.ofEpochMilli(Long.parseLong(record.split(" ")[2])));
    long onlineUntil = 0;
    int status = PresenceStatus.OFFLINE.code();
    String[] parts = devices == null ? new String[0] : devices.split(" ");
    for (int i = 0; i + 2 < parts.length; i += 3) {
      long expiry = Long.parseLong(parts[i + 1]);
      if (expiry > now.toEpochMilli()) {
        onlineUntil = Math.max(onlineUntil, expiry);
        status = Math.min(status, Integer.parseInt(parts[i + 2]));
      }
    }
    if (status == PresenceStatus.OFFLINE.code()) {
      return new UserPresence(userId, PresenceStatus.OFFLINE, lastSeen, Optional.empty());
    }
    return new UserPresence(userId, PresenceStatus.ofCode(status), lastSeen,
        Optional.of(Instant.ofEpochMilli(onlineUntil)));
  }

  /** A published change; empty for a message of another form. */
  static Optional<PresenceChange> change(String message) {
    String[] parts = message.split(" ");
    if (parts.length != 4) {
      return Optional.empty();
    }
    PresenceChange.Kind kind = switch (parts[0]) {
      case "online" -> PresenceChange.Kind.ONLINE;
      case "offline" -> PresenceChange.Kind.OFFLINE;
      case "status" -> PresenceChange.Kind.STATUS;
      default -> null;
    };
    if (kind == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new PresenceChange(parts[1], kind, PresenceStatus.ofCode(Integer.parseInt(parts[2])),
          Instant.ofEpochMilli(Long.parseLong(parts[3]))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
