package dev.polystore.platform.valkey;

import dev.polystore.platform.netty.EventLoops;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisConnectionException;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A standalone connection on each of the process's event loops ({@link EventLoops}), found by the
 * thread that asks. A non-blocking call runs on the loop that read it; on its own loop's connection,
 * the command is written, its reply read and the answer sent without leaving that thread.
 *
 * <p>Netty gives a new connection the group's next loop, and Lettuce does not tell which: the loop
 * that completes a PING on a connection is the one it lives on. Connections that land on a loop
 * already served are closed again. Should Lettuce reconnect one later, it may land elsewhere; it
 * stays correct, it only hands off again.
 */
final class LoopConnections implements AutoCloseable {
  private final Map<Thread, ValkeyConnection> byThread;

  private LoopConnections(Map<Thread, ValkeyConnection> byThread) {
    this.byThread = byThread;
  }

  /** Opens one per loop, trying at most three connections a loop; loops left over use the caller's fallback. */
  static LoopConnections open(AbstractRedisClient client, Duration timeout) {
    Set<Thread> loopThreads = loopThreads(timeout);
    Map<Thread, ValkeyConnection> byThread = new HashMap<>();
    List<ValkeyConnection> spare = new ArrayList<>();
    try {
      for (int attempt = 0; attempt < 3 * loopThreads.size() && byThread.size() < loopThreads.size(); attempt++) {
        ValkeyConnection connection = ValkeyClientFactory.connect(client, ReadFrom.UPSTREAM);
        Thread home = replyThread(connection, timeout);
        if (loopThreads.contains(home) && !byThread.containsKey(home)) {
          byThread.put(home, connection);
        } else {
          spare.add(connection);
        }
      }
    } catch (RuntimeException e) {
      byThread.values().forEach(ValkeyConnection::close);
      throw e;
    } finally {
      spare.forEach(ValkeyConnection::close);
    }
    return new LoopConnections(Map.copyOf(byThread));
  }

  /** The calling loop's connection, or null off the loops. */
  ValkeyConnection current() {
    return byThread.get(Thread.currentThread());
  }

  int size() {
    return byThread.size();
  }

  @Override
  public void close() {
    byThread.values().forEach(ValkeyConnection::close);
  }

  private static Set<Thread> loopThreads(Duration timeout) {
    Set<Thread> threads = new HashSet<>();
    for (EventExecutor loop : EventLoops.loops()) {
      threads.add(await(loop.submit(Thread::currentThread), timeout));
    }
    return threads;
  }

  /** The thread that completed a PING: the connection's loop (the caller's own, should it be answered at once). */
  private static Thread replyThread(ValkeyConnection connection, Duration timeout) {
    return await(connection.async().ping().thenApply(pong -> Thread.currentThread()).toCompletableFuture(), timeout);
  }

  private static <T> T await(Future<T> future, Duration timeout) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to Valkey", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new RedisConnectionException("Valkey did not answer a PING within " + timeout, e);
    }
  }
}
