package dev.polystore.platform.health;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one service's health from its store: NOT_SERVING until migrations succeeded (retried with
 * backoff while the store is away), then a probe every {@link Timing#interval()} that moves the
 * service between SERVING and NOT_SERVING as the store comes and goes: back to SERVING on the first
 * answer, out after {@link Timing#failuresBeforeNotServing()} failed probes in a row. The service
 * never needs a restart.
 *
 * <p>A hung store must not stall anything else: migrations and the probe schedule run on this
 * service's own thread, and the probe itself on another, waited for at most {@link Timing#timeout()}.
 * A probe that has not answered counts as a failure and is not started again while it hangs.
 */
public final class StoreSupervisor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StoreSupervisor.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  /**
   * How often and how patiently the store is probed. The defaults take a frozen store out within
   * 2 s: a probe starts at most {@code interval} after the freeze, and each of the two failures
   * takes at most {@code timeout}, with {@code retryAfterFailure} between them.
   */
  public record Timing(Duration interval, Duration timeout, Duration retryAfterFailure, int failuresBeforeNotServing) {
    public static final Timing DEFAULT =
        new Timing(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(250), 2);
  }

  private final String serviceName;
  private final ManagedStore store;
  private final ServiceHealth health;
  private final Timing timing;
  private final ScheduledExecutorService control;
  private final ExecutorService prober;
  private volatile boolean migrated;
  private volatile boolean closed;
  // Both only touched on the control thread.
  private int consecutiveFailures;
  private Future<Boolean> pendingProbe;

  public StoreSupervisor(String serviceName, ManagedStore store, ServiceHealth health, Timing timing) {
    this.serviceName = serviceName;
    this.store = store;
    this.health = health;
    this.timing = timing;
    this.control = Executors.newSingleThreadScheduledExecutor(daemon("polystore-supervisor-" + serviceName));
    this.prober = Executors.newSingleThreadExecutor(daemon("polystore-probe-" + serviceName));
    health.register(serviceName);
  }

  /** Starts migrating in the background; returns at once. */
  public void start() {
    control.execute(() -> migrate(Duration.ofMillis(200)));
  }

  public boolean isMigrated() {
    return migrated;
  }

  private void migrate(Duration backoff) {
    if (closed) {
      return;
    }
    try {
      store.migrate();
      migrated = true;
      probe();
    } catch (RuntimeException e) {
      log.warn("{}: migrations not applied yet ({}); retrying in {} ms", serviceName, e.getMessage(), backoff.toMillis());
      Duration next = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      control.schedule(() -> migrate(next), backoff.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void probe() {
    if (closed) {
      return;
    }
    boolean reachable = probeAnswer();
    boolean was = health.isServing(serviceName);
    // One slow probe on a busy store is not an outage: only several in a row take the service out.
    consecutiveFailures = reachable ? 0 : consecutiveFailures + 1;
    if (reachable != was && (reachable || consecutiveFailures >= timing.failuresBeforeNotServing())) {
      health.set(serviceName, reachable);
      if (reachable) {
        log.info("{} SERVING", serviceName);
      } else {
        log.warn("{} NOT_SERVING: its store does not answer", serviceName);
      }
    }
    Duration next = reachable || !was ? timing.interval() : timing.retryAfterFailure();
    control.schedule(this::probe, next.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The store's answer, or false when it did not answer within the timeout. */
  private boolean probeAnswer() {
    if (pendingProbe == null || pendingProbe.isDone()) {
      pendingProbe = prober.submit(store::isReachable);
    }
    try {
      return pendingProbe.get(timing.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static ThreadFactory daemon(String name) {
    return new ThreadFactoryBuilder().setNameFormat(name).setDaemon(true).build();
  }

  @Override
  public void close() {
    closed = true;
    control.shutdownNow();
    prober.shutdownNow();
  }
}
