package dev.polystore.platform.testing;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Races calls against each other: n threads, released together. */
public final class Concurrently {
  private Concurrently() {}

  /** Runs {@code call(0..n-1)} on n threads released together; what each returned, or null after a failed call. */
  public static <T> List<Outcome<T>> run(int n, IntFunction<T> call) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Outcome<T>>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        results.add(threads.submit(() -> {
          start.await();
          try {
            return new Outcome<>(Status.Code.OK, call.apply(index));
          } catch (StatusRuntimeException e) {
            return new Outcome<T>(e.getStatus().getCode(), null);
          }
        }));
      }
      start.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<Outcome<T>> result : results) {
        outcomes.add(result.get(30, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      threads.shutdownNow();
    }
  }

  /** How one call ended: its status code, and its answer when it was OK. */
  public record Outcome<T>(Status.Code code, T answer) {}
}
