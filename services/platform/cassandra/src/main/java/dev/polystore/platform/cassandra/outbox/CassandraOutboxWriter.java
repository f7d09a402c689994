package dev.polystore.platform.cassandra.outbox;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.events.Change;
import dev.polystore.platform.events.ChangeEncoder;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * What a Cassandra store calls to record an event. {@link #row} is the outbox row to put into the
 * change's own logged batch (atomic across the keyspace's tables: on Amazon Keyspaces too), so the
 * event exists exactly when the change does. {@link #ensure} is for a change that cannot share a
 * batch (a lightweight transaction): written after it, under an id and time derived from the
 * change, so writing it again is the same row.
 */
public final class CassandraOutboxWriter {
  private final CassandraStore store;
  private final ChangeEncoder encoder;
  private final Supplier<OutboxStatements> statements;

  public CassandraOutboxWriter(CassandraStore store, ChangeEncoder encoder) {
    this.store = store;
    this.encoder = encoder;
    this.statements = OutboxStatements.lazily(store);
  }

  /** The change's outbox row; encoded now, on the caller's thread (the call's principal is the actor). */
  public BoundStatement row(Change change) {
    return statements.get().insertRow().bind(OutboxBuckets.ofSubject(change.subjectId()), change.occurredAt(),
        change.eventId(), change.type(), ByteBuffer.wrap(encoder.encode(change))).setIdempotent(true);
  }

  /**
   * Writes the change's row unless the outbox or the sent log holds its event already (relayed
   * before): so healing a change that has its event publishes nothing twice. The outbox is read
   * first: the relay moves a row from it to the sent log in one logged batch, so one of the two
   * reads sees it. True when it wrote the row.
   */
  public boolean ensure(Change change) {
    OutboxStatements cql = statements.get();
    boolean unsent = store.session().execute(cql.selectRow().bind(OutboxBuckets.ofSubject(change.subjectId()),
        change.occurredAt(), change.eventId()).setIdempotent(true)).one() != null;
    if (unsent) {
      return false;
    }
    boolean sent = store.session().execute(cql.selectSentRow().bind(OutboxBuckets.ofEvent(change.eventId()),
        change.eventId()).setIdempotent(true)).one() != null;
    if (sent) {
      return false;
    }
    store.executor().execute(row(change)).toCompletableFuture().join();
    return true;
  }
}
