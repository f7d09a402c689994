package dev.polystore.activity.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Where events live: the domain's view of the activity keyspace. */
public interface EventStore {

  /**
   * Stores and counts an event unless its (workspace, event id) was recorded before, and completes
   * with whether it was new. A repeat stores and counts nothing new, but re-writes the first
   * copy's rows, which completes an earlier attempt that failed halfway. Rows expire as
   * {@code retention} says.
   */
  CompletionStage<Boolean> record(Event event, Retention retention);

  /**
   * One UTC day's events of a workspace, optionally of one type, newest first: those after
   * {@code after} and occurred at or after {@code from}, at most {@code limit}. Reads may be
   * slightly stale.
   */
  List<Event> day(UUID workspaceId, LocalDate day, Optional<String> type, Instant from, EventPosition after,
      int limit);

  /** Counts per day and type in [first, last], by day and then type; days without events left out. */
  List<DailyCount> counts(UUID workspaceId, LocalDate first, LocalDate last);
}
