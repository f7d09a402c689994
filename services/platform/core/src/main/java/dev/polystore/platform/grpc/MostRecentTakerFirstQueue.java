package dev.polystore.platform.grpc;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An unbounded FIFO queue whose waiting takers are served most recently arrived first: an element
 * offered while threads wait goes straight to the one that started waiting last.
 *
 * <p>Why: it is the work queue of a handler pool ({@link HandlerPoolInterceptor}). With {@code
 * LinkedBlockingQueue} (any AQS {@code Condition}) the longest-idle thread is woken first, so under
 * light load every thread of the pool takes calls in turn, each with cold caches: the 10,000-document
 * vector query's handler spent 357-443 µs a call on 32 threads taking turns against 306-318 on one
 * (docs/benchmarks.md, session 23). Why our own: no JDK queue does this and holds elements
 * ({@code SynchronousQueue}'s unfair mode serves takers last-in-first-out but holds nothing), and
 * {@code ForkJoinPool}, which keeps idle workers on a stack, wakes an idle worker each time one of
 * its workers blocks in {@code CompletableFuture.get} or {@code Condition.await}, as every synchronous
 * Cassandra and Valkey call does: one wasted wake-up per store call.
 *
 * <p>One lock guards both deques; an element handed to a taker never enters the queue, so {@link
 * #size()} counts only elements nobody has taken.
 */
final class MostRecentTakerFirstQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<E> elements = new ArrayDeque<>();
  /** Waiting takers, the most recent first. */
  private final ArrayDeque<Taker<E>> takers = new ArrayDeque<>();

  private static final class Taker<E> {
    final Thread thread = Thread.currentThread();
    volatile E handed;
  }

  @Override
  public boolean offer(E element) {
    Objects.requireNonNull(element);
    Taker<E> taker;
    lock.lock();
    try {
      taker = takers.pollFirst();
      if (taker == null) {
        elements.addLast(element);
        return true;
      }
      taker.handed = element;
    } finally {
      lock.unlock();
    }
    LockSupport.unpark(taker.thread);
    return true;
  }

  @Override
  public void put(E element) {
    offer(element);
  }

  @Override
  public boolean offer(E element, long timeout, TimeUnit unit) {
    return offer(element);
  }

  @Override
  public E take() throws InterruptedException {
    return await(false, 0);
  }

  @Override
  public E poll(long timeout, TimeUnit unit) throws InterruptedException {
    return await(true, unit.toNanos(timeout));
  }

  private E await(boolean timed, long nanos) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    Taker<E> me;
    lock.lock();
    try {
      E element = elements.pollFirst();
      if (element != null || (timed && nanos <= 0)) {
        return element;
      }
      me = new Taker<>();
      takers.addFirst(me);
    } finally {
      lock.unlock();
    }
    long deadline = timed ? System.nanoTime() + nanos : 0;
    while (me.handed == null) {
      if (Thread.interrupted()) {
        E handed = withdraw(me);
        if (handed == null) {
          throw new InterruptedException();
        }
        // Handed over just now: returned, not lost; the interrupt stays for the caller to see.
        Thread.currentThread().interrupt();
        return handed;
      }
      if (!timed) {
        LockSupport.park(this);
        continue;
      }
      // The clock is read on timed waits only: the pool's threads mostly wait untimed.
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return withdraw(me);
      }
      LockSupport.parkNanos(this, left);
    }
    return me.handed;
  }

  /** Leaves the takers; returns what was handed over before that, or null. */
  private E withdraw(Taker<E> me) {
    return locked(() -> {
      takers.remove(me);
      return me.handed;
    });
  }

  private <T> T locked(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** Threads waiting in take or poll, for tests. */
  int waitingTakers() {
    return locked(takers::size);
  }

  @Override
  public E poll() {
    return locked(elements::pollFirst);
  }

  @Override
  public E peek() {
    return locked(elements::peekFirst);
  }

  @Override
  public int size() {
    return locked(elements::size);
  }

  @Override
  public boolean remove(Object element) {
    return locked(() -> elements.removeFirstOccurrence(element));
  }

  /** A snapshot: later changes do not show, and it cannot remove ({@link #remove(Object)} can). */
  @Override
  public Iterator<E> iterator() {
    return locked(() -> List.copyOf(elements).iterator());
  }

  @Override
  public int remainingCapacity() {
    return Integer.MAX_VALUE;
  }

  @Override
  public int drainTo(Collection<? super E> sink) {
    return drainTo(sink, Integer.MAX_VALUE);
  }

  @Override
  public int drainTo(Collection<? super E> sink, int maxElements) {
    Objects.requireNonNull(sink);
    if (sink == this) {
      throw new IllegalArgumentException("cannot drain a queue into itself");
    }
    lock.lock();
    try {
      int drained = 0;
      while (drained < maxElements && !elements.isEmpty()) {
        sink.add(elements.pollFirst());
        drained++;
      }
      return drained;
    } finally {
      lock.unlock();
    }
  }
}
