package dev.polystore.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs statements asynchronously and retries the idempotent ones with exponential backoff when
 * the store answered "not now": replicas timed out or were unavailable, or the coordinator (on
 * Amazon Keyspaces: the throttle) was overloaded. Everything else, including "no node can be
 * reached", fails at once: that is an outage the caller sees as UNAVAILABLE and may retry.
 *
 * <p>Statements that are not idempotent (lightweight transactions, counter updates) run once: a
 * retry could apply them twice.
 */
public final class CqlExecutor {
  private final CqlSession session;
  private final ScheduledExecutorService timer;
  private final Backoff backoff;

  public CqlExecutor(CqlSession session, ScheduledExecutorService timer, Backoff backoff) {
    this.session = session;
    this.timer = timer;
    this.backoff = backoff;
  }

  public CompletionStage<AsyncResultSet> execute(Statement<?> statement) {
    CompletableFuture<AsyncResultSet> result = new CompletableFuture<>();
    attempt(statement, 0, result);
    return result;
  }

  private void attempt(Statement<?> statement, int retriesDone, CompletableFuture<AsyncResultSet> result) {
    session.executeAsync(statement).whenComplete((rows, failure) -> {
      if (failure == null) {
        result.complete(rows);
      } else if (retriesDone < backoff.retries() && isRetryable(statement, failure)) {
        long wait = backoff.delay(retriesDone + 1).toMillis();
        timer.schedule(() -> attempt(statement, retriesDone + 1, result), wait, TimeUnit.MILLISECONDS);
      } else {
        result.completeExceptionally(failure);
      }
    });
  }

  static boolean isRetryable(Statement<?> statement, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    return Boolean.TRUE.equals(statement.isIdempotent())
        && (cause instanceof ReadTimeoutException
            || cause instanceof WriteTimeoutException
            || cause instanceof UnavailableException
            || cause instanceof OverloadedException);
  }
}
