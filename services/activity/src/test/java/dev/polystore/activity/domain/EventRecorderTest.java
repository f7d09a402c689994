package dev.polystore.activity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.platform.errors.FieldViolation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
  private static final UUID A = UUID.randomUUID();
  private static final UUID B = UUID.randomUUID();

  @Test
  void anEventIdRepeatedInOneWorkspaceOfABatchNamesTheLaterEvent() {
    List<FieldViolation> violations = EventRecorder.repeatedIds(List.of(
        event(A, "one"), event(A, "two"), event(B, "one"), event(A, "one"), event(A, "two")));
    assertEquals(List.of("events[3].event_id", "events[4].event_id"),
        violations.stream().map(FieldViolation::field).toList());
    assertEquals("repeats events[0].event_id of the same workspace; send each event once per batch",
        violations.get(0).description());
  }

  @Test
  void theSameIdInAnotherWorkspaceIsAnotherEvent() {
    assertEquals(List.of(), EventRecorder.repeatedIds(List.of(event(A, "one"), event(B, "one"))));
  }

  private static Event event(UUID workspace, String id) {
    return new Event(id, workspace, "actor", "file.uploaded", "", Map.of(), Instant.now());
  }
}
