package dev.polystore.platform.vector.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ScanHelpers}: a scan is cut into one slice per idle helper plus the caller, each slice run
 * once, the helpers' slices on their threads; a busy helper is not waited for, a failure in a helper
 * reaches the caller, and a closed pool leaves the caller to scan alone.
 */
class ScanHelpersTest {
  @Test
  void idleHelpersTakeASliceEach() {
    try (ScanHelpers helpers = new ScanHelpers(2)) {
      List<String> runs = new CopyOnWriteArrayList<>();
      Set<String> threads = ConcurrentHashMap.newKeySet();
      helpers.run(8, (index, of) -> {
        runs.add(index + "/" + of);
        threads.add(Thread.currentThread().getName());
      });
      assertEquals(Set.of("0/3", "1/3", "2/3"), Set.copyOf(runs));
      assertEquals(3, runs.size(), "a slice ran twice: " + runs);
      assertTrue(threads.contains(Thread.currentThread().getName()), "the caller took no slice");
      assertEquals(3, threads.size(), "slices shared a thread: " + threads);
    }
  }

  @Test
  void noMoreSlicesThanAsked() {
    try (ScanHelpers helpers = new ScanHelpers(2)) {
      List<String> runs = new CopyOnWriteArrayList<>();
      helpers.run(1, (index, of) -> runs.add(index + "/" + of));
      assertEquals(List.of("0/1"), runs);
    }
  }

  @Test
  void aBusyHelperIsNotWaitedFor() throws InterruptedException {
    try (ScanHelpers helpers = new ScanHelpers(1)) {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread other = new Thread(() -> helpers.run(2, (index, of) -> {
        if (index == 1) {
          holding.countDown();
          await(release);
        }
      }));
      other.start();
      assertTrue(holding.await(10, TimeUnit.SECONDS), "the helper never took the first scan's slice");
      List<String> runs = new CopyOnWriteArrayList<>();
      helpers.run(2, (index, of) -> runs.add(index + "/" + of + " " + Thread.currentThread().getName()));
      assertEquals(List.of("0/1 " + Thread.currentThread().getName()), runs, "the second scan waited or forked");
      release.countDown();
      other.join(10_000);
    }
  }

  @Test
  void aHelpersFailureReachesTheCaller() {
    try (ScanHelpers helpers = new ScanHelpers(1)) {
      IllegalStateException failure = assertThrows(IllegalStateException.class, () -> helpers.run(2, (index, of) -> {
        if (index == 1) {
          throw new IllegalStateException("slice 1 failed");
        }
      }));
      assertEquals("slice 1 failed", failure.getMessage());
      List<Integer> runs = new CopyOnWriteArrayList<>();
      helpers.run(2, (index, of) -> runs.add(of));
      assertEquals(List.of(2, 2), runs, "the failed slice did not give its helper back");
    }
  }

  @Test
  void afterCloseTheCallerScansEverySlice() {
    ScanHelpers helpers = new ScanHelpers(1);
    helpers.close();
    List<String> runs = new CopyOnWriteArrayList<>();
    helpers.run(2, (index, of) -> runs.add(index + "/" + of + " " + Thread.currentThread().getName()));
    String caller = Thread.currentThread().getName();
    assertEquals(Set.of("0/2 " + caller, "1/2 " + caller), Set.copyOf(runs));
    List<Integer> again = new CopyOnWriteArrayList<>();
    helpers.run(2, (index, of) -> again.add(of));
    assertEquals(List.of(2, 2), again, "a rejected slice kept its helper");
  }

  @Test
  void shareGivesSlicesAboutEqualSizes() {
    long[] sizes = {100, 5_000, 300, 2_600, 2_000, 50};
    int[] owners = ScanHelpers.share(sizes, 2);
    long[] loads = new long[2];
    for (int i = 0; i < sizes.length; i++) {
      loads[owners[i]] += sizes[i];
    }
    assertEquals(10_050, loads[0] + loads[1]);
    assertTrue(Math.abs(loads[0] - loads[1]) <= 100, "unequal slices: " + loads[0] + " and " + loads[1]);
    assertEquals(List.of(0, 0, 0), java.util.Arrays.stream(ScanHelpers.share(new long[] {3, 2, 1}, 1)).boxed().toList());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
