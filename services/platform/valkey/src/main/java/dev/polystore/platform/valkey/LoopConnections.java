package dev.polystore.platform.valkey;

import dev.polystore.platform.netty.EventLoops;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A primary connection on each of the process's event loops ({@link EventLoops}), found by the
 * thread that asks. A non-blocking call runs on the loop that read it; on its own loop's connection,
 * the command is written, its reply read and the answer sent without leaving that thread.
 *
 * <p>Each is opened from its loop, so it is registered there ({@link EventLoops}); in cluster mode
 * so are the node connections its commands open, since those are sent from the loop too. Should
 * Lettuce reconnect one later, it may land elsewhere: it stays correct, it only hands off again.
 */
final class LoopConnections implements AutoCloseable {
  private final Map<Thread, ValkeyConnection> byThread;

  private LoopConnections(Map<Thread, ValkeyConnection> byThread) {
    this.byThread = byThread;
  }

  /** Opens one from each loop; on any failure closes what was opened, or is still opening, and throws. */
  static LoopConnections open(AbstractRedisClient client, RedisURI uri, Duration timeout) {
    record Opening(Thread loop, CompletableFuture<ValkeyConnection> connection) {}
    List<Opening> openings = new ArrayList<>();
    try {
      for (EventExecutor loop : EventLoops.loops()) {
        openings.add(await(loop.submit(
            () -> new Opening(Thread.currentThread(), ValkeyClientFactory.connectAsync(client, uri))), timeout));
      }
      Map<Thread, ValkeyConnection> byThread = new HashMap<>();
      for (Opening opening : openings) {
        byThread.put(opening.loop(), await(opening.connection(), timeout));
      }
      return new LoopConnections(Map.copyOf(byThread));
    } catch (RuntimeException e) {
      openings.forEach(opening -> opening.connection().thenAccept(ValkeyConnection::close));
      throw e;
    }
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

  private static <T> T await(Future<T> future, Duration timeout) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to Valkey", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : new RedisConnectionException("cannot connect to Valkey", e.getCause());
    } catch (TimeoutException e) {
      throw new RedisConnectionException("no connection to Valkey within " + timeout, e);
    }
  }
}
