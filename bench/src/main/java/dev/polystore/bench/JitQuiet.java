package dev.polystore.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Waits for the JIT compiler to go quiet: a sign that the code under load has been compiled. */
final class JitQuiet {
  private static final Duration WINDOW = Duration.ofSeconds(2);

  private JitQuiet() {}

  /** Milliseconds the JIT has compiled for since the JVM started (0 where not measured). */
  static long compilingMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit == null || !jit.isCompilationTimeMonitoringSupported() ? 0 : jit.getTotalCompilationTime();
  }

  /**
   * Whether {@code compiledMillis} of compiling over {@code window} counts as quiet: less than 1% of
   * it (the JIT never stops quite entirely).
   */
  static boolean quiet(long compiledMillis, Duration window) {
    return compiledMillis < window.toMillis() / 100;
  }

  /**
   * Returns once a window passes with almost no compiling, or {@code limit} runs out, or the load
   * has stopped (a failed client); returns how long it waited.
   */
  static Duration await(Duration limit, AtomicBoolean stopped) throws InterruptedException {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long begin = System.nanoTime();
    long end = begin + limit.toNanos();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      Thread.sleep(limit.toMillis());
      return limit;
    }
    while (System.nanoTime() < end && !stopped.get()) {
      long before = compilingMillis();
      Thread.sleep(Math.min(WINDOW.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      if (quiet(compilingMillis() - before, WINDOW)) {
        break;
      }
    }
    return Duration.ofNanos(System.nanoTime() - begin);
  }
}
