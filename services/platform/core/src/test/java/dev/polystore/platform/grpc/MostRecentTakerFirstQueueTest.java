package dev.polystore.platform.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MostRecentTakerFirstQueueTest {
  private final MostRecentTakerFirstQueue<String> queue = new MostRecentTakerFirstQueue<>();
  private final ExecutorService takers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    takers.shutdownNow();
  }

  @Test
  void anElementOfferedWhileThreadsWaitGoesToTheLastOneThatStartedWaiting() throws Exception {
    Future<String> first = takers.submit(queue::take);
    awaitTakers(1);
    Future<String> second = takers.submit(queue::take);
    awaitTakers(2);

    queue.offer("a");
    assertEquals("a", second.get(5, TimeUnit.SECONDS));
    assertEquals(1, queue.waitingTakers());
    assertEquals(0, queue.size(), "handed over, never queued");

    queue.offer("b");
    assertEquals("b", first.get(5, TimeUnit.SECONDS));
  }

  @Test
  void withNobodyWaitingElementsQueueInOrder() throws Exception {
    queue.offer("a");
    queue.offer("b");
    queue.offer("c");

    assertEquals(3, queue.size());
    assertEquals("a", queue.take());
    assertEquals("b", queue.poll(1, TimeUnit.SECONDS));
    List<String> rest = new ArrayList<>();
    assertEquals(1, queue.drainTo(rest));
    assertEquals(List.of("c"), rest);
    assertTrue(queue.isEmpty());
  }

  @Test
  void anInterruptedTakerLeavesAndLaterElementsAreKept() throws Exception {
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread taker = new Thread(() -> {
      try {
        queue.take();
      } catch (Throwable e) {
        outcome.set(e);
      }
    });
    taker.start();
    awaitTakers(1);

    taker.interrupt();
    taker.join(5_000);
    assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
    assertEquals(0, queue.waitingTakers());

    queue.offer("kept");
    assertEquals(1, queue.size());
    assertEquals("kept", queue.poll());
  }

  @Test
  void aTimedPollGivesUpWithNothingAndLeaves() throws Exception {
    assertNull(queue.poll(20, TimeUnit.MILLISECONDS));
    assertEquals(0, queue.waitingTakers());
    queue.offer("later");
    assertEquals(1, queue.size());
  }

  @Test
  void aThreadPoolOnItReusesTheThreadThatRanLastWhereLinkedBlockingQueueRotates() throws Exception {
    assertEquals(1, threadsUsedForOneTaskAtATime(new MostRecentTakerFirstQueue<>()));
    assertEquals(4, threadsUsedForOneTaskAtATime(new LinkedBlockingQueue<>()));
  }

  /** Four started, idle threads; eight tasks one after another: how many threads ran them. */
  private static long threadsUsedForOneTaskAtATime(BlockingQueue<Runnable> work)
      throws Exception {
    // Named for the queue: the other variant's threads may not have ended yet, and must not count.
    String name = "rotation-" + work.getClass().getSimpleName();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 0, TimeUnit.MILLISECONDS, work,
        runnable -> new Thread(runnable, name));
    try {
      pool.prestartAllCoreThreads();
      while (pool.getPoolSize() < 4 || waiting(work, name) < 4) {
        Thread.sleep(5);
      }
      List<Thread> ran = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ran.add(pool.submit(Thread::currentThread).get(5, TimeUnit.SECONDS));
        // The thread goes back to waiting after its task: let it, so the next task has all four to pick from.
        while (waiting(work, name) < 4) {
          Thread.sleep(1);
        }
      }
      return ran.stream().distinct().count();
    } finally {
      pool.shutdownNow();
    }
  }

  private static int waiting(BlockingQueue<Runnable> work, String name) {
    if (work instanceof MostRecentTakerFirstQueue<Runnable> ours) {
      return ours.waitingTakers();
    }
    // LinkedBlockingQueue does not say how many wait; its threads' states do.
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name) && t.getState() == Thread.State.WAITING)
        .count();
  }

  private void awaitTakers(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (queue.waitingTakers() < count) {
      assertTrue(System.nanoTime() < deadline, "takers never waited");
      Thread.sleep(1);
    }
  }
}
