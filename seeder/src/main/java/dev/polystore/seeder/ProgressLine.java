package dev.polystore.seeder;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A phase's progress: at most one line a second with done/total, rate and ETA, printed by whichever
 * worker thread steps past the second (no timer thread to stop), and a last line at the end.
 */
public final class ProgressLine {
  private final String phase;
  private final long total;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong nextPrintNanos = new AtomicLong(startNanos + 1_000_000_000L);

  public ProgressLine(String phase, long total, PrintStream out) {
    this.phase = phase;
    this.total = total;
    this.out = out;
  }

  public void step(long n) {
    long now = done.addAndGet(n);
    long next = nextPrintNanos.get();
    long nanos = System.nanoTime();
    if (nanos >= next && nextPrintNanos.compareAndSet(next, nanos + 1_000_000_000L)) {
      out.println(line(now, nanos));
    }
  }

  public void finish() {
    out.println(line(done.get(), System.nanoTime()) + " done");
  }

  String line(long now, long nanos) {
    double seconds = Math.max((nanos - startNanos) / 1e9, 1e-9);
    double rate = now / seconds;
    String eta = rate <= 0 ? "?" : format((total - now) / rate);
    return String.format("[%s] %d/%d %.0f/s elapsed %s eta %s", phase, now, total, rate, format(seconds), eta);
  }

  static String format(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
  }
}
