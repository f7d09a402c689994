package dev.polystore.seeder;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one RPC: statuses the caller expects (ALREADY_EXISTS meaning "there already") go to its
 * handler; UNAVAILABLE is retried a few times, since every call the seeder makes is keyed and so safe
 * to repeat; anything else becomes a {@link SeedFailure} naming the call.
 */
final class Calls {
  /** About 30 s of backoff in all: a local store on a busy machine can stop answering for that long. */
  private static final int ATTEMPTS = 9;
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  /** Retries by call name, for the summary: a retried write's answer may count this run's own first attempt as existing. */
  static final Map<String, LongAdder> RETRIES = new ConcurrentHashMap<>();

  private Calls() {}

  static <T> T call(String name, Supplier<T> rpc) {
    return call(name, rpc, Set.of(), status -> null);
  }

  static <T> T call(String name, Supplier<T> rpc, Set<Status.Code> expected, Function<Status, T> onExpected) {
    for (int attempt = 1; ; attempt++) {
      try {
        return rpc.get();
      } catch (StatusRuntimeException e) {
        Status status = e.getStatus();
        if (expected.contains(status.getCode())) {
          return onExpected.apply(status);
        }
        if (status.getCode() != Status.Code.UNAVAILABLE || attempt == ATTEMPTS) {
          throw new SeedFailure(name, status);
        }
        RETRIES.computeIfAbsent(name, n -> new LongAdder()).increment();
        sleep(Math.min(MAX_BACKOFF_MILLIS, 200L << attempt));
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SeedFailure("seeder", "interrupted");
    }
  }
}
