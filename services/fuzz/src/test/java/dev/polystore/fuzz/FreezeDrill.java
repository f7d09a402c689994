package dev.polystore.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Freezable;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A store frozen (SIGSTOP) under its running service, beside a service on another store, then
 * thawed (SIGCONT): the frozen store's service goes NOT_SERVING within a bound, every call meanwhile
 * ends with a status before its deadline (and a small margin), the other service keeps serving,
 * the service comes back without a restart, and every acknowledged write is there afterwards.
 */
final class FreezeDrill {
  /** Every call of the drill has this deadline. */
  static final Duration DEADLINE = Duration.ofSeconds(3);
  /** What a call may take past its deadline: the client's timer and a loaded machine's scheduling. */
  private static final Duration MARGIN = Duration.ofMillis(1_500);
  /** Generous over the 2 s target (see StoreSupervisor.Timing): this asserts a bound, the report prints the time. */
  private static final Duration NOT_SERVING_BOUND = Duration.ofSeconds(5);
  private static final Duration START_LIMIT = Duration.ofSeconds(150);
  private static final int CALLS_DURING_FREEZE = 6;
  private static final Set<Status.Code> WHILE_FROZEN =
      EnumSet.of(Status.Code.OK, Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

  /**
   * Serves both services, runs the drill, stops them.
   *
   * @param write one write to the frozen store's service with the drill's deadline; returns what
   *     {@code found} looks for, or throws the call's failure
   * @param found whether an acknowledged write is there (asked after the thaw)
   * @param otherCall one call of the other service with a deadline; throws when it fails
   */
  static void run(Supplier<Served> frozenService, Supplier<Served> otherService, Freezable store,
      Function<Served, String> write, BiPredicate<Served, String> found, Consumer<Served> otherCall) throws Exception {
    try (Served frozen = frozenService.get(); Served other = otherService.get()) {
      for (Served served : List.of(frozen, other)) {
        assertEquals(ServingStatus.SERVING, served.awaitStatus(ServingStatus.SERVING, START_LIMIT), served.service());
      }
      long millis = run(frozen, store, () -> write.apply(frozen), id -> found.test(frozen, id), () -> {
        assertEquals(ServingStatus.SERVING, other.status(), other.service() + " beside the frozen store");
        otherCall.accept(other);
      });
      System.out.printf("%s: NOT_SERVING %d ms after its store froze%n", frozen.service(), millis);
    }
  }

  /** The drill on served services; milliseconds from the freeze until the service reported NOT_SERVING. */
  private static long run(Served frozen, Freezable store, Supplier<String> write, Predicate<String> found,
      Runnable otherServes) throws Exception {
    List<String> acknowledged = new ArrayList<>();
    acknowledged.add(write.get());
    ExecutorService callers = Executors.newFixedThreadPool(CALLS_DURING_FREEZE);
    long notServingMillis;
    try {
      store.freeze();
      long frozenAt = System.nanoTime();
      List<Future<Timed>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS_DURING_FREEZE; i++) {
        // Spread over the first seconds (before and after NOT_SERVING); the health is polled meanwhile.
        long delay = i * 300L;
        calls.add(callers.submit(() -> {
          Thread.sleep(delay);
          return Timed.of(write);
        }));
      }
      ServingStatus status = frozen.awaitStatus(ServingStatus.NOT_SERVING, NOT_SERVING_BOUND);
      notServingMillis = (System.nanoTime() - frozenAt) / 1_000_000;
      assertEquals(ServingStatus.NOT_SERVING, status, frozen.service() + " after " + notServingMillis + " ms frozen");

      Timed afterNotServing = Timed.of(write);
      assertEquals(Status.Code.UNAVAILABLE, afterNotServing.code(), "a call once NOT_SERVING: " + afterNotServing);
      otherServes.run();

      for (Future<Timed> call : calls) {
        Timed timed = call.get(DEADLINE.plus(MARGIN).toMillis() * 2, TimeUnit.MILLISECONDS);
        assertTrue(WHILE_FROZEN.contains(timed.code()), "a call during the freeze: " + timed);
        assertTrue(timed.millis() <= DEADLINE.plus(MARGIN).toMillis(), "a call during the freeze: " + timed);
        System.out.printf("%s: a call during the freeze: %s%n", frozen.service(), timed);
        if (timed.code() == Status.Code.OK) {
          acknowledged.add(timed.answer());
        }
      }
    } finally {
      store.thaw();
      callers.shutdownNow();
    }

    assertEquals(ServingStatus.SERVING, frozen.awaitStatus(ServingStatus.SERVING, Duration.ofSeconds(60)),
        frozen.service() + " after the thaw");
    for (String written : acknowledged) {
      assertTrue(found.test(written), "acknowledged before or during the freeze, gone after it: " + written);
    }
    return notServingMillis;
  }

  /** How one call ended and how long it took. */
  record Timed(Status.Code code, String answer, long millis, String description) {
    static Timed of(Supplier<String> call) {
      long began = System.nanoTime();
      try {
        String answer = call.get();
        return new Timed(Status.Code.OK, answer, (System.nanoTime() - began) / 1_000_000, null);
      } catch (StatusRuntimeException e) {
        return new Timed(e.getStatus().getCode(), null, (System.nanoTime() - began) / 1_000_000,
            e.getStatus().getDescription());
      }
    }
  }
}
