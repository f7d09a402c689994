package dev.polystore.platform.health;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one service's health from its store: NOT_SERVING until migrations succeeded (retried with
 * backoff while the store is away), then a probe every {@code probeInterval} that moves the service
 * between SERVING and NOT_SERVING as the store comes and goes: back to SERVING on the first answer,
 * out after a few failed probes in a row. The service never needs a restart.
 */
public final class StoreSupervisor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StoreSupervisor.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final int FAILURES_BEFORE_NOT_SERVING = 3;

  private final String serviceName;
  private final ManagedStore store;
  private final ServiceHealth health;
  private final ScheduledExecutorService scheduler;
  private final Duration probeInterval;
  private volatile boolean migrated;
  private volatile boolean closed;
  private int consecutiveFailures; // only touched by probe(), which never runs twice at once

  public StoreSupervisor(String serviceName, ManagedStore store, ServiceHealth health,
      ScheduledExecutorService scheduler, Duration probeInterval) {
    this.serviceName = serviceName;
    this.store = store;
    this.health = health;
    this.scheduler = scheduler;
    this.probeInterval = probeInterval;
    health.register(serviceName);
  }

  /** Starts migrating in the background; returns at once. */
  public void start() {
    scheduler.execute(() -> migrate(Duration.ofMillis(200)));
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
      scheduler.schedule(() -> migrate(next), backoff.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void probe() {
    if (closed) {
      return;
    }
    boolean reachable;
    try {
      reachable = store.isReachable();
    } catch (RuntimeException e) {
      reachable = false;
    }
    boolean was = health.isRegistered(serviceName) && health.isServing(serviceName);
    // One slow probe on a busy store is not an outage: only several in a row take the service out.
    consecutiveFailures = reachable ? 0 : consecutiveFailures + 1;
    if (was && !reachable && consecutiveFailures < FAILURES_BEFORE_NOT_SERVING) {
      scheduler.schedule(this::probe, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    if (reachable != was) {
      health.set(serviceName, reachable);
      if (reachable) {
        log.info("{} SERVING", serviceName);
      } else {
        log.warn("{} NOT_SERVING: its store does not answer", serviceName);
      }
    }
    scheduler.schedule(this::probe, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closed = true;
  }
}
