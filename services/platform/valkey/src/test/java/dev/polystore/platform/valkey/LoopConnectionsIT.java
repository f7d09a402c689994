package dev.polystore.platform.valkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.polystore.devstack.Devstack;
import dev.polystore.platform.netty.EventLoops;
import io.lettuce.core.RedisURI;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A standalone store keeps a connection on each shared event loop: a command sent from a loop is
 * answered on that same thread (what makes a non-blocking call hand-off free), and a caller off the
 * loops gets the one shared connection.
 */
class LoopConnectionsIT {
  private static ValkeyConfig config() {
    return new ValkeyConfig(RedisURI.create(Devstack.valkey().url()), false,
        Duration.ofSeconds(2), Duration.ofSeconds(2), Optional.empty());
  }

  @Test
  void aCommandSentFromALoopIsAnsweredOnIt() throws Exception {
    try (ValkeyStore store = new ValkeyStore(config())) {
      store.migrate();
      List<EventExecutor> loops = EventLoops.loops();
      Set<ValkeyConnection> used = new HashSet<>();
      for (EventExecutor loop : loops) {
        CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
        ValkeyConnection connection = loop.submit(() -> {
          ValkeyConnection here = store.primary();
          here.async().set("loop-connections-it", loop.toString())
              .thenRun(() -> answeredOn.complete(Thread.currentThread()));
          return here;
        }).get(5, TimeUnit.SECONDS);
        Thread loopThread = loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
        assertSame(loopThread, answeredOn.get(5, TimeUnit.SECONDS), "answered on another thread than " + loop);
        used.add(connection);
      }
      assertEquals(loops.size(), used.size(), "each loop has a connection of its own");
      assertNotSame(store.primary(), loops.get(0).submit(store::primary).get(5, TimeUnit.SECONDS),
          "off the loops, the shared connection");
      assertEquals(loops.get(loops.size() - 1).toString(), store.primary().sync().get("loop-connections-it"));
    }
  }
}
