package dev.polystore.activity.api;

import com.google.protobuf.Timestamp;
import dev.polystore.activity.domain.DailyCount;
import dev.polystore.activity.domain.Event;
import java.time.Instant;
import java.util.UUID;

/** Protobuf messages to domain values and back; the contract has validated every field already. */
final class EventMessages {
  private EventMessages() {}

  static Event toDomain(dev.polystore.activity.v1.Event message) {
    return new Event(message.getEventId(), UUID.fromString(message.getWorkspaceId()), message.getActorId(),
        message.getType(), message.getSubject(), message.getAttributesMap(), instant(message.getOccurredAt()));
  }

  static dev.polystore.activity.v1.Event toMessage(Event event) {
    return dev.polystore.activity.v1.Event.newBuilder()
        .setEventId(event.eventId())
        .setWorkspaceId(event.workspaceId().toString())
        .setActorId(event.actorId())
        .setType(event.type())
        .setSubject(event.subject())
        .putAllAttributes(event.attributes())
        .setOccurredAt(timestamp(event.occurredAt()))
        .build();
  }

  static dev.polystore.activity.v1.DailyCount toMessage(DailyCount count) {
    return dev.polystore.activity.v1.DailyCount.newBuilder()
        .setDate(count.day().toString())
        .setType(count.type())
        .setCount(count.count())
        .build();
  }

  static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
