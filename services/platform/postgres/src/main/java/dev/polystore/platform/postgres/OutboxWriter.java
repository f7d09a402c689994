package dev.polystore.platform.postgres;

import dev.polystore.platform.events.Change;
import dev.polystore.platform.events.ChangeEncoder;
import dev.polystore.platform.events.OutboxRow;
import dev.polystore.platform.ids.UuidV7;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What a service's store calls to record a write's event: a new time-ordered event id, the
 * encoder's Event bytes, one outbox row, written in the write's transaction ({@link #record}) or in
 * its one statement ({@link #row} with {@link PostgresOutbox#withEvent}). The row commits or rolls
 * back with the change.
 */
public final class OutboxWriter {
  private final ChangeEncoder encoder;
  private final UuidV7 ids;
  private final Clock clock;

  public OutboxWriter(ChangeEncoder encoder, UuidV7 ids, Clock clock) {
    this.encoder = encoder;
    this.ids = ids;
    this.clock = clock;
  }

  /** {@code workspaceId} null for a change outside any workspace; {@code detail} null when the envelope says all. */
  public void record(Handle handle, String type, UUID workspaceId, UUID subjectId, Object detail) {
    PostgresOutbox.append(handle, row(type, workspaceId, subjectId, detail));
  }

  /** The outbox row of a change, for a write that records it in the same statement. */
  public OutboxRow row(String type, UUID workspaceId, UUID subjectId, Object detail) {
    Change change = new Change(ids.next(), type, Optional.ofNullable(workspaceId), subjectId, clock.instant(), detail);
    return new OutboxRow(change.eventId(), type, encoder.encode(change));
  }
}
