package dev.polystore.platform.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor against a store whose probe hangs, as a frozen engine's does: the supervisor, not
 * a store, is under test here, so the store is a switch we control (store code has its own ITs).
 */
class StoreSupervisorTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final ServiceHealth health = new ServiceHealth();
  private final SwitchableStore frozen = new SwitchableStore();
  private final SwitchableStore healthy = new SwitchableStore();
  private final StoreSupervisor frozenSupervisor =
      new StoreSupervisor("frozen", frozen, health, StoreSupervisor.Timing.DEFAULT);
  private final StoreSupervisor healthySupervisor =
      new StoreSupervisor("healthy", healthy, health, StoreSupervisor.Timing.DEFAULT);

  @AfterEach
  void close() {
    frozen.thaw();
    frozenSupervisor.close();
    healthySupervisor.close();
  }

  @Test
  void aHungProbeTakesOnlyItsOwnServiceOutAndItComesBackByItself() {
    frozenSupervisor.start();
    healthySupervisor.start();
    awaitTrue(() -> health.isServing("frozen") && health.isServing("healthy"), "both services serving");

    frozen.freeze();
    awaitTrue(() -> !health.isServing("frozen"), "the frozen store's service NOT_SERVING");
    int probesBefore = healthy.probes.get();
    awaitTrue(() -> healthy.probes.get() >= probesBefore + 3, "the other service still probed");
    assertTrue(health.isServing("healthy"), "a hung store took another service out");
    assertTrue(frozen.hungProbes.get() <= 1, "a hung probe was started again while it hung");

    frozen.thaw();
    awaitTrue(() -> health.isServing("frozen"), "the service back to SERVING without a restart");
  }

  @Test
  void aProbeThatThrowsIsAFailureNotACrash() {
    frozenSupervisor.start();
    awaitTrue(() -> health.isServing("frozen"), "serving");
    frozen.failing = true;
    awaitTrue(() -> !health.isServing("frozen"), "NOT_SERVING after failed probes");
    frozen.failing = false;
    awaitTrue(() -> health.isServing("frozen"), "SERVING again");
  }

  @Test
  void aSingleSlowProbeIsNotAnOutage() {
    StoreSupervisor.Timing patient = new StoreSupervisor.Timing(
        Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50), Integer.MAX_VALUE);
    try (StoreSupervisor supervisor = new StoreSupervisor("patient", frozen, health, patient)) {
      supervisor.start();
      awaitTrue(() -> health.isServing("patient"), "serving");
      frozen.freeze();
      awaitTrue(() -> frozen.hungProbes.get() == 1, "a probe hanging");
      assertTrue(health.isServing("patient"), "a service below its failure count went out");
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
  }

  /** A store whose probe answers, throws, or blocks until thawed, like a SIGSTOPped engine. */
  private static final class SwitchableStore implements ManagedStore {
    final AtomicInteger probes = new AtomicInteger();
    final AtomicInteger hungProbes = new AtomicInteger();
    volatile boolean failing;
    private volatile CountDownLatch frozen = new CountDownLatch(0);

    void freeze() {
      frozen = new CountDownLatch(1);
    }

    void thaw() {
      frozen.countDown();
    }

    @Override
    public void migrate() {}

    @Override
    public boolean isReachable() {
      probes.incrementAndGet();
      CountDownLatch latch = frozen;
      if (latch.getCount() > 0) {
        hungProbes.incrementAndGet();
        try {
          latch.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return false;
      }
      if (failing) {
        throw new IllegalStateException("connection refused");
      }
      return true;
    }
  }
}
