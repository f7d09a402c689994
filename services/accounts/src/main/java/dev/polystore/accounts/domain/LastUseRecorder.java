package dev.polystore.accounts.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers when each API key was last verified and writes those times in one batched update every
 * {@code interval}, and on close: verification is the hot path, and a write per call would make
 * every read a write.
 */
public final class LastUseRecorder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LastUseRecorder.class);

  private final LastUseWriter store;
  private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;

  public LastUseRecorder(LastUseWriter store, Duration interval) {
    this.store = store;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "accounts-last-use");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(this::flushQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Keeps the latest use of the key; costs no store call. */
  public void record(UUID keyId, Instant usedAt) {
    pending.merge(keyId, usedAt, LastUseRecorder::later);
  }

  /** Writes every pending use now. On failure they stay pending for the next flush, and it throws. */
  public synchronized void flush() {
    Map<UUID, Instant> batch = new HashMap<>();
    for (UUID keyId : pending.keySet()) {
      // remove() per key: a use recorded after this point stays pending for the next flush.
      Instant usedAt = pending.remove(keyId);
      if (usedAt != null) {
        batch.put(keyId, usedAt);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      store.recordLastUses(batch);
    } catch (RuntimeException e) {
      batch.forEach(this::record);
      throw e;
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      // The store is away; the times are kept and written by a later flush.
      log.warn("could not record API key last use yet: {}", e.getMessage());
    }
  }

  /** Stops the timer and writes what is pending, so an orderly shutdown loses nothing. */
  @Override
  public void close() {
    timer.shutdownNow();
    flushQuietly();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
