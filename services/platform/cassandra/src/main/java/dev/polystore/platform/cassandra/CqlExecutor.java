package dev.polystore.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import dev.polystore.platform.errors.Failures;
import dev.polystore.platform.grpc.CallDeadline;
import dev.polystore.platform.telemetry.Telemetry;
import io.micrometer.observation.Observation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs statements asynchronously and retries with exponential backoff and jitter when the store
 * answered "not now". Everything else, including "no node can be reached", fails at once: that is
 * an outage the caller sees as UNAVAILABLE and may retry. A retry is only scheduled when its wait
 * ends inside the caller's deadline ({@link CallDeadline}, read when the statement is started).
 *
 * <ul>
 *   <li>Refused before it ran (too few replicas alive, or the coordinator, on Amazon Keyspaces the
 *       throttle, overloaded): retried whatever the statement, counter updates and lightweight
 *       transactions included, since nothing was applied. A throttled count is not lost.
 *   <li>Timed out at the replicas: retried only when idempotent, since it may have been applied.
 * </ul>
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

  /**
   * Runs the statement, observed as one store call (CqlObservation). The caller's observation is
   * current again while the result is handed over, so statements that its continuations start on
   * the driver's threads are children of the same RPC too.
   */
  public CompletionStage<AsyncResultSet> execute(Statement<?> statement) {
    // The gRPC context and the caller's observation are the caller's thread's: read them here, not
    // in the driver's callbacks.
    long giveUpAt = CallDeadline.remaining().map(left -> System.nanoTime() + left.toNanos()).orElse(Long.MAX_VALUE);
    Observation caller = Telemetry.observations().getCurrentObservation();
    Observation call = CqlObservation.start(session, statement);
    CompletableFuture<AsyncResultSet> done = new CompletableFuture<>();
    attempt(statement, 0, giveUpAt, done);
    CompletableFuture<AsyncResultSet> result = new CompletableFuture<>();
    done.whenComplete((rows, failure) -> {
      if (failure != null) {
        call.error(failure);
      }
      call.stop();
      if (caller == null) {
        hand(result, rows, failure);
      } else {
        try (Observation.Scope scope = caller.openScope()) {
          hand(result, rows, failure);
        }
      }
    });
    return result;
  }

  private static void hand(CompletableFuture<AsyncResultSet> result, AsyncResultSet rows, Throwable failure) {
    if (failure == null) {
      result.complete(rows);
    } else {
      result.completeExceptionally(failure);
    }
  }

  private void attempt(Statement<?> statement, int retriesDone, long giveUpAt,
      CompletableFuture<AsyncResultSet> result) {
    session.executeAsync(statement).whenComplete((rows, failure) -> {
      if (failure == null) {
        result.complete(rows);
        return;
      }
      long wait = backoff.delay(retriesDone + 1).toMillis();
      boolean inTime = giveUpAt == Long.MAX_VALUE
          || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait) < giveUpAt;
      if (retriesDone < backoff.retries() && inTime && isRetryable(statement, failure)) {
        timer.schedule(() -> attempt(statement, retriesDone + 1, giveUpAt, result), wait, TimeUnit.MILLISECONDS);
      } else {
        result.completeExceptionally(failure);
      }
    });
  }

  static boolean isRetryable(Statement<?> statement, Throwable failure) {
    Throwable cause = Failures.unwrapped(failure);
    boolean refusedBeforeRunning = cause instanceof UnavailableException || cause instanceof OverloadedException;
    boolean timedOut = cause instanceof ReadTimeoutException || cause instanceof WriteTimeoutException;
    return refusedBeforeRunning || (timedOut && Boolean.TRUE.equals(statement.isIdempotent()));
  }
}
