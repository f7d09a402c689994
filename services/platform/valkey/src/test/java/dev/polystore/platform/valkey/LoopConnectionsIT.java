package dev.polystore.platform.valkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.platform.netty.EventLoops;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store keeps a primary connection on each shared event loop: commands sent from a loop are
 * answered on that same thread (what makes a non-blocking call hand-off free), in cluster mode on
 * every node the keys hash to; a caller off the loops gets the one shared connection.
 */
class LoopConnectionsIT {
  /** Enough keys to reach each of the devstack cluster's three nodes. */
  private static final int KEYS = 30;

  @ParameterizedTest(name = "cluster mode {0}")
  @ValueSource(booleans = {false, true})
  void commandsSentFromALoopAreAnsweredOnIt(boolean cluster) throws Exception {
    String url = cluster ? Devstack.valkeyCluster().url() : Devstack.valkey().url();
    ValkeyConfig config = new ValkeyConfig(RedisURI.create(url), cluster, Duration.ofSeconds(2), Duration.ofSeconds(2),
        Optional.empty());
    try (ValkeyStore store = new ValkeyStore(config)) {
      store.migrate();
      List<EventExecutor> loops = EventLoops.loops();
      Set<ValkeyConnection> used = new HashSet<>();
      for (EventExecutor loop : loops) {
        Thread loopThread = loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
        List<CompletableFuture<Thread>> answeredOn = new ArrayList<>();
        used.add(loop.submit(() -> {
          ValkeyConnection here = store.primary();
          for (int key = 0; key < KEYS; key++) {
            RedisFuture<String> sent = here.async().set("loop-connections-it-" + key, loop.toString());
            // Done already: another thread read the reply while this loop was still busy here.
            answeredOn.add(sent.isDone() ? CompletableFuture.completedFuture(null)
                : sent.thenApply(ok -> Thread.currentThread()).toCompletableFuture());
          }
          return here;
        }).get(5, TimeUnit.SECONDS));
        for (CompletableFuture<Thread> answer : answeredOn) {
          assertEquals(loopThread, answer.get(5, TimeUnit.SECONDS), "answered on another thread than " + loop);
        }
      }
      assertEquals(loops.size(), used.size(), "each loop has a connection of its own");
      assertTrue(used.stream().noneMatch(connection -> connection == store.primary()), "off the loops, the shared connection");
      assertEquals(loops.get(loops.size() - 1).toString(), store.primary().sync().get("loop-connections-it-0"));
    }
  }
}
