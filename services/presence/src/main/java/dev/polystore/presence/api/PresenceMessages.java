package dev.polystore.presence.api;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.polystore.presence.domain.PresenceChange;
import dev.polystore.presence.domain.PresenceStatus;
import dev.polystore.presence.domain.RateLimitDecision;
import dev.polystore.presence.domain.UserPresence;
import dev.polystore.presence.v1.CheckRateLimitResponse;
import dev.polystore.presence.v1.PresenceChangeKind;
import java.time.Instant;

/** Domain values to protobuf messages and back; no rules. */
final class PresenceMessages {
  private PresenceMessages() {}

  static dev.polystore.presence.v1.UserPresence toProto(UserPresence presence) {
    var message = dev.polystore.presence.v1.UserPresence.newBuilder()
        .setUserId(presence.userId())
        .setStatus(toProto(presence.status()));
    presence.lastSeen().ifPresent(at -> message.setLastSeenTime(timestamp(at)));
    presence.expireTime().ifPresent(at -> message.setExpireTime(timestamp(at)));
    return message.build();
  }

  static dev.polystore.presence.v1.PresenceChange toProto(PresenceChange change) {
    return dev.polystore.presence.v1.PresenceChange.newBuilder()
        .setUserId(change.userId())
        .setKind(switch (change.kind()) {
          case ONLINE -> PresenceChangeKind.PRESENCE_CHANGE_KIND_ONLINE;
          case OFFLINE -> PresenceChangeKind.PRESENCE_CHANGE_KIND_OFFLINE;
          case STATUS -> PresenceChangeKind.PRESENCE_CHANGE_KIND_STATUS;
        })
        .setStatus(toProto(change.status()))
        .setChangeTime(timestamp(change.at()))
        .build();
  }

  static CheckRateLimitResponse toProto(RateLimitDecision decision) {
    return CheckRateLimitResponse.newBuilder()
        .setAllowed(decision.allowed())
        .setRemaining(decision.remaining())
        .setRetryAfter(duration(decision.retryAfter()))
        .setResetAfter(duration(decision.resetAfter()))
        .build();
  }

  static dev.polystore.presence.v1.PresenceStatus toProto(PresenceStatus status) {
    return dev.polystore.presence.v1.PresenceStatus.forNumber(status.code());
  }

  /** The contract's status; the validation interceptor has already refused anything but 1 to 3. */
  static PresenceStatus fromProto(dev.polystore.presence.v1.PresenceStatus status) {
    return PresenceStatus.ofCode(status.getNumber());
  }

  static java.time.Duration fromProto(Duration duration) {
    return java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
  }

  static Timestamp timestamp(Instant at) {
    return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
  }

  static Duration duration(java.time.Duration duration) {
    return Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
  }
}
