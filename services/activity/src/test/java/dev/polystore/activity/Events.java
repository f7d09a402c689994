package dev.polystore.activity;

import com.google.protobuf.Timestamp;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.RecordEventsRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Valid events and requests for tests, each test changing what it is about. */
final class Events {
  private Events() {}

  /** Now to the millisecond, the precision events are stored with, so what is read back is equal. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  static Event.Builder event(String workspaceId, String eventId, String type, Instant occurredAt) {
    return Event.newBuilder()
        .setEventId(eventId)
        .setWorkspaceId(workspaceId)
        .setActorId("user-7")
        .setType(type)
        .setSubject("files/" + eventId)
        .putAllAttributes(Map.of("size", "1024", "name", "report-" + eventId + ".pdf"))
        .setOccurredAt(timestamp(occurredAt));
  }

  static RecordEventsRequest batch(List<Event> events) {
    return RecordEventsRequest.newBuilder().addAllEvents(events).build();
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
