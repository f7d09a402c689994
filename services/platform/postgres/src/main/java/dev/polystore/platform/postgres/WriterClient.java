package dev.polystore.platform.postgres;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous client's connections to the writer, replaced after a failover: what {@link
 * ReadOnlyWriter} does for the writer pool; the pipelined client's and the transactions' pool each have one. A write answered with SQLSTATE 25006 reached a server
 * that is no longer the writer (Aurora demotes the old writer in place, and a cached DNS answer sends
 * new connections there too), and the pipelined client would keep its connections there for good.
 * So the client is built again, its connections opened anew, and the old one retired once the
 * statements in flight on it have had their time. The write itself fails as UNAVAILABLE: a
 * read-only transaction commits nothing, so the caller may retry it.
 *
 * <p>Why not refuse such connections at log-in, as the pool's {@code targetServerType=primary}
 * does: the Vert.x client has no such option. So a new connection can land on the read-only server
 * again, which the next write finds out; one replacement per {@link #REPLACE_INTERVAL} keeps that
 * from becoming a storm of connections while DNS catches up, and one asked for sooner is made when
 * the interval ends.
 */
final class WriterClient<C extends SqlClient> {
  private static final Logger log = LoggerFactory.getLogger(WriterClient.class);
  /** At most one replacement this often, however many writes fail meanwhile. */
  static final Duration REPLACE_INTERVAL = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final Supplier<C> build;
  /** How long a replaced client stays open for the statements in flight on it. */
  private final Duration retireAfter;
  private volatile C current;
  private long replacedAtNanos;
  private boolean replacementScheduled;

  WriterClient(Vertx vertx, Supplier<C> build, Duration retireAfter) {
    this.vertx = vertx;
    this.build = build;
    this.retireAfter = retireAfter;
    this.current = build.get();
    this.replacedAtNanos = System.nanoTime() - REPLACE_INTERVAL.toNanos();
  }

  C current() {
    return current;
  }

  /** Replaces {@code used} if {@code failure} came from a read-only server and it is still the current client. */
  void replaceIfReadOnly(SqlClient used, Throwable failure) {
    if (!(failure instanceof DatabaseException database)
        || !ReadOnlyWriter.READ_ONLY_TRANSACTION.equals(database.getSqlState())) {
      return;
    }
    long wait;
    synchronized (this) {
      if (used != current || replacementScheduled) {
        return;
      }
      wait = REPLACE_INTERVAL.toNanos() - (System.nanoTime() - replacedAtNanos);
      if (wait > 0) {
        replacementScheduled = true;
      }
    }
    if (wait > 0) {
      vertx.setTimer(Math.max(1, wait / 1_000_000), timer -> replace());
    } else {
      replace();
    }
  }

  private void replace() {
    C replaced;
    synchronized (this) {
      replaced = current;
      current = build.get();
      replacedAtNanos = System.nanoTime();
      replacementScheduled = false;
    }
    log.warn("a write reached a read-only server (a failover?): the asynchronous writer connections are opened again");
    vertx.setTimer(retireAfter.toMillis(), timer -> replaced.close());
  }

  void close() {
    current.close().toCompletionStage().toCompletableFuture().join();
  }
}
