package dev.polystore.activity.domain;

import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.ServiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Records batches of events. The contract has checked every field of every event; this adds the
 * rule it cannot say (an event id once per workspace and batch) for the whole batch before the
 * first write, so a rejected batch writes nothing. The events of a valid batch are written
 * concurrently; if the store fails midway the caller gets the failure and may send the same batch
 * again, which stores and counts each event once.
 */
public final class EventRecorder {
  private final EventStore store;
  private final Retention retention;

  public EventRecorder(EventStore store, Retention retention) {
    this.store = store;
    this.retention = retention;
  }

  public RecordResult record(List<Event> events) {
    List<FieldViolation> violations = repeatedIds(events);
    if (!violations.isEmpty()) {
      throw ServiceException.invalid(violations);
    }
    List<CompletableFuture<Boolean>> writes = new ArrayList<>(events.size());
    for (Event event : events) {
      writes.add(store.record(event, retention).toCompletableFuture());
    }
    try {
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    int recorded = (int) writes.stream().filter(CompletableFuture::join).count();
    return new RecordResult(recorded, events.size() - recorded);
  }

  /** events[i].event_id for every event whose workspace and id an earlier event of the batch has. */
  static List<FieldViolation> repeatedIds(List<Event> events) {
    Map<String, Integer> firstIndex = new HashMap<>();
    List<FieldViolation> violations = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      Integer first = firstIndex.putIfAbsent(event.workspaceId() + "/" + event.eventId(), i);
      if (first != null) {
        violations.add(new FieldViolation("events[" + i + "].event_id", "event_id.unique_in_batch",
            "repeats events[" + first + "].event_id of the same workspace; send each event once per batch"));
      }
    }
    return violations;
  }
}
