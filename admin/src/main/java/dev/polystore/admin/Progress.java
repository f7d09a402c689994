package dev.polystore.admin;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of one long step: a line at most every {@link #EVERY_NANOS} while it runs (count, rate, and
 * the ETA when the total is known), and one when it ends.
 */
public final class Progress {
  private static final long EVERY_NANOS = 2_000_000_000L;

  private final PrintStream out;
  private final String step;
  private final String unit;
  private final long total;
  private final long started = System.nanoTime();
  private long lastPrinted = started;
  private long done;

  /** @param total the count expected, or -1 when not known */
  public Progress(PrintStream out, String step, String unit, long total) {
    this.out = out;
    this.step = step;
    this.unit = unit;
    this.total = total;
  }

  public void add(long count) {
    done += count;
    long now = System.nanoTime();
    if (now - lastPrinted >= EVERY_NANOS) {
      lastPrinted = now;
      out.println(line(now, false));
    }
  }

  /** Prints the final line and returns the count. */
  public long finish() {
    out.println(line(System.nanoTime(), true));
    return done;
  }

  String line(long now, boolean finished) {
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    double rate = done / seconds;
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%s] %,d %s", step, done, unit));
    if (total >= 0 && !finished) {
      line.append(String.format(Locale.ROOT, " of %,d", total));
    }
    line.append(String.format(Locale.ROOT, ", %,.0f %s/s", rate, unit));
    if (finished) {
      line.append(String.format(Locale.ROOT, ", done in %.1f s", seconds));
    } else if (total > 0 && rate > 0) {
      line.append(String.format(Locale.ROOT, ", ETA %.0f s", Math.max(0, total - done) / rate));
    }
    return line.toString();
  }
}
