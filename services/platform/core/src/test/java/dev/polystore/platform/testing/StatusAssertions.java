package dev.polystore.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

  /** The first answer of {@code call}, retried while it fails with UNAVAILABLE, within {@code limit}. */
  public static <T> T awaitAnswer(Supplier<T> call, Duration limit) throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    while (true) {
      try {
        return call.get();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || Instant.now().isAfter(end)) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}
