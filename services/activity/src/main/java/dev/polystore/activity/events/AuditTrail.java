package dev.polystore.activity.events;

import dev.polystore.activity.domain.Event;
import dev.polystore.activity.domain.EventRecorder;
import dev.polystore.platform.valkey.streams.StreamEntry;
import dev.polystore.platform.valkey.streams.StreamHandler;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records every write the other services publish (accounts, messenger, files) as an audit event,
 * through the same domain path as RecordEvents, so a repeated event (same workspace and event id)
 * is stored and counted once.
 *
 * <p>The audit event in activity's terms: {@code type} is the event's type ("message.posted"),
 * {@code subject} the id of the thing changed, {@code actor_id} the principal that changed it
 * ({@value #UNKNOWN_ACTOR} when the event names none), {@code workspace_id} the event's workspace,
 * or {@link #NO_WORKSPACE} for a change that belongs to none (user.created), and the attributes
 * {@code source} (the publishing service) and, for messages, {@code room_id}.
 */
public final class AuditTrail implements StreamHandler {
  /** The group's name in every stream it reads. */
  public static final String GROUP = "activity";
  /** The services whose streams the audit trail reads. */
  public static final List<String> SOURCES = List.of("accounts", "messenger", "files");
  /** The workspace of audit events that belong to none: the nil UUID, which no workspace has. */
  public static final UUID NO_WORKSPACE = new UUID(0, 0);
  static final String UNKNOWN_ACTOR = "unknown";

  private final EventRecorder recorder;

  public AuditTrail(EventRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public void handle(StreamEntry entry) throws Exception {
    dev.polystore.events.v1.Event event = dev.polystore.events.v1.Event.parseFrom(entry.bytes("data"));
    if (event.getEventId().isEmpty() || event.getType().isEmpty()) {
      throw new IllegalArgumentException("entry " + entry.id() + " carries an event without event_id or type");
    }
    recorder.record(List.of(new Event(event.getEventId(), workspace(event.getWorkspaceId()),
        event.getActor().isEmpty() ? UNKNOWN_ACTOR : event.getActor(), event.getType(), event.getSubjectId(),
        attributes(entry, event), occurredAt(entry, event))));
  }

  private static UUID workspace(String id) {
    return id.isEmpty() ? NO_WORKSPACE : UUID.fromString(id);
  }

  private static Instant occurredAt(StreamEntry entry, dev.polystore.events.v1.Event event) {
    return event.hasOccurredAt()
        ? Instant.ofEpochSecond(event.getOccurredAt().getSeconds(), event.getOccurredAt().getNanos())
        : entry.appended();
  }

  private static Map<String, String> attributes(StreamEntry entry, dev.polystore.events.v1.Event event) {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("source", source(entry.stream()));
    String room = switch (event.getPayloadCase()) {
      case MESSAGE_POSTED -> event.getMessagePosted().getRoomId();
      case MESSAGE_EDITED -> event.getMessageEdited().getRoomId();
      case MESSAGE_DELETED -> event.getMessageDeleted().getRoomId();
      default -> "";
    };
    if (!room.isEmpty()) {
      attributes.put("room_id", room);
    }
    return attributes;
  }

  /** "messenger" of "events:{messenger}": the hash tag names the service. */
  static String source(String stream) {
    int open = stream.indexOf('{');
    int close = stream.indexOf('}', open + 1);
    return open >= 0 && close > open ? stream.substring(open + 1, close) : stream;
  }
}
