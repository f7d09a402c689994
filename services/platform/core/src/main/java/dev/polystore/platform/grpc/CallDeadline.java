package dev.polystore.platform.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The time left to answer the current call, for bindings that wait and retry on their own (so
 * they give up while the caller still listens) without knowing gRPC. The deadline guard answers
 * a little before the deadline itself; this says how long a binding may still spend.
 */
public final class CallDeadline {
  /** The most the deadline guard keeps back for its answer (DeadlineGuardInterceptor). */
  private static final Duration GUARD_MARGIN = Duration.ofMillis(250);

  private CallDeadline() {}

  /** Time left before the guard answers for the current call; empty outside a call with a deadline. */
  public static Optional<Duration> remaining() {
    Deadline deadline = Context.current().getDeadline();
    if (deadline == null) {
      return Optional.empty();
    }
    long left = deadline.timeRemaining(TimeUnit.MILLISECONDS);
    return Optional.of(Duration.ofMillis(Math.max(0, left - GUARD_MARGIN.toMillis())));
  }
}
