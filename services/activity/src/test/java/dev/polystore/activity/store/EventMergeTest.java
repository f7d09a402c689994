package dev.polystore.activity.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.activity.domain.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventMergeTest {
  private static final UUID WORKSPACE = UUID.randomUUID();
  private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void mergesPartitionsNewestFirstThenByEventIdAndKeepsTheFirstLimit() {
    List<List<Event>> partitions = List.of(
        List.of(event("c", 5), event("a", 3)),
        List.of(event("d", 5), event("b", 4)),
        List.of(event("e", 1)));

    assertEquals(List.of("d", "c", "b"), ids(EventMerge.newestFirst(partitions, 3)));
    assertEquals(List.of("d", "c", "b", "a", "e"), ids(EventMerge.newestFirst(partitions, 10)));
  }

  @Test
  void anEventInTwoPartitionsAppearsOnce() {
    List<List<Event>> partitions = List.of(List.of(event("x", 2), event("y", 1)), List.of(event("x", 2)));

    assertEquals(List.of("x", "y"), ids(EventMerge.newestFirst(partitions, 2)));
  }

  @Test
  void bucketsComeFromTheEventIdAloneAndStayInRange() {
    PartitionBuckets buckets = new PartitionBuckets(8);
    assertEquals(buckets.of("evt-1"), new PartitionBuckets(8).of("evt-1"));
    for (int i = 0; i < 100; i++) {
      short bucket = buckets.of("evt-" + i);
      assertEquals(true, bucket >= 0 && bucket < 8, "bucket " + bucket);
    }
    assertEquals(8, buckets.all().size());
    assertThrows(IllegalArgumentException.class, () -> new PartitionBuckets(0));
  }

  private static Event event(String id, int second) {
    return new Event(id, WORKSPACE, "user-1", "file.uploaded", "", Map.of(), T.plusSeconds(second));
  }

  private static List<String> ids(List<Event> events) {
    return events.stream().map(Event::eventId).toList();
  }
}
