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
 * What a service's store calls in a write's transaction to record its event: a new time-ordered
 * event id, the encoder's Event bytes, one outbox row. The row commits or rolls back with the change.
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
    Change change = new Change(ids.next(), type, Optional.ofNullable(workspaceId), subjectId, clock.instant(), detail);
    PostgresOutbox.append(handle, new OutboxRow(change.eventId(), type, encoder.encode(change)));
  }
}
