package dev.polystore.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;

/** What a caller sees of a failing gRPC call. */
public final class StatusAssertions {
  private StatusAssertions() {}

  /** The call fails with {@code expected}; the failure, for more checks. */
  public static StatusRuntimeException assertStatus(Status.Code expected, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(expected, e.getStatus().getCode(), () -> "got " + e.getStatus());
    return e;
  }

  /**
   * A write that is not safe to repeat, cut off by its store going away: UNAVAILABLE when the
   * service knows it did not run (no connection, not ready), DEADLINE_EXCEEDED when it may have
   * (a pooled connection broke under it). Which one depends on the moment the store went.
   */
  public static StatusRuntimeException assertCutOff(Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertTrue(e.getStatus().getCode() == Status.Code.UNAVAILABLE || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED,
        () -> "got " + e.getStatus());
    return e;
  }

  /**
   * The first answer of {@code call}, retried while it fails with UNAVAILABLE or DEADLINE_EXCEEDED,
   * within {@code limit}: only for calls that are safe to repeat (reads, idempotent writes, creates
   * with a request_id), as a client's retry policy would.
   */
  public static <T> T awaitAnswer(Supplier<T> call, Duration limit) throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    while (true) {
      try {
        return call.get();
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        boolean retryable = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
        if (!retryable || Instant.now().isAfter(end)) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}
