package dev.polystore.seeder;

import java.util.concurrent.atomic.AtomicLong;

/** One entity's count of what this run created and what it found already there, and how long it took. */
public final class Tally {
  public final String entity;
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong existing = new AtomicLong();
  private volatile long startNanos = System.nanoTime();
  private volatile long endNanos;

  Tally(String entity) {
    this.entity = entity;
  }

  void start() {
    startNanos = System.nanoTime();
  }

  void finish() {
    endNanos = System.nanoTime();
  }

  public void created(long n) {
    created.addAndGet(n);
  }

  public void existing(long n) {
    existing.addAndGet(n);
  }

  /** Counts one entity: created when {@code isNew}, existing otherwise. */
  public void count(boolean isNew) {
    (isNew ? created : existing).incrementAndGet();
  }

  public long created() {
    return created.get();
  }

  public long existing() {
    return existing.get();
  }

  public long total() {
    return created() + existing();
  }

  public double seconds() {
    long end = endNanos == 0 ? System.nanoTime() : endNanos;
    return (end - startNanos) / 1e9;
  }

  public double perSecond() {
    double seconds = seconds();
    return seconds <= 0 ? 0 : total() / seconds;
  }
}
