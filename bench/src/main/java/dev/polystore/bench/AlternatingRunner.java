package dev.polystore.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load that never stops while the system under test is switched between two states
 * (telemetry on and off, say) every few seconds: one measurement per state, each the sum of its
 * slices. Why not two runs one after the other ({@link LoadRunner}): on a shared 2-core machine
 * the throughput of back-to-back runs drifts by more than the effects measured here (the no-op
 * column moved 12k-25k calls/s within one hour, docs/benchmarks.md); slices of a few seconds,
 * taken in turn, see the same drift on both sides.
 *
 * <p>A call counts for a state only if it started and ended inside one of that state's slices;
 * each slice begins with a short settling time, unmeasured, for the calls in flight at the switch.
 */
public final class AlternatingRunner {
  private static final Duration SETTLE = Duration.ofMillis(250);
  /** {@code -Dbench.slice.log=true} prints each slice's wall-clock times, to split a profile by state. */
  private static final boolean LOG_SLICES = Boolean.getBoolean("bench.slice.log");

  private final LoadRunner warmup;
  private final Duration slice;
  private final int rounds;

  /**
   * @param warmup its warm-up settings are used (both states take turns during the warm-up, so
   *     both paths are compiled); its measuring time is not
   * @param slice how long each state is measured at a time
   * @param rounds how many slices each state gets
   */
  public AlternatingRunner(LoadRunner warmup, Duration slice, int rounds) {
    this.warmup = warmup;
    this.slice = slice;
    this.rounds = rounds;
  }

  /** From system properties: bench.slice.seconds (3) and bench.slice.rounds (8), with {@code runner}'s warm-up. */
  public static AlternatingRunner fromSystemProperties(LoadRunner runner) {
    return new AlternatingRunner(runner, Duration.ofSeconds(Long.getLong("bench.slice.seconds", 3)),
        Integer.getInteger("bench.slice.rounds", 8));
  }

  /**
   * Measures {@code operation} in state A and state B ({@code switchTo.accept(true)} enters A,
   * {@code false} B), in rounds of A B then B A, so neither always goes first; returns {A, B}.
   */
  public Measurement[] run(String name, int clients, LoadRunner.Operation operation, StateSwitch switchTo)
      throws Exception {
    Recorder[] recorders = {new Recorder(3), new Recorder(3)};
    // -1: not measuring (warm-up, settling); 0: state A; 1: state B.
    AtomicInteger measuring = new AtomicInteger(-1);
    // Calls counted per state, read at each slice's ends: each round's own ratio (PairedRatio).
    LongAdder[] counted = {new LongAdder(), new LongAdder()};
    ClientThreads threads = ClientThreads.start(name, clients, operation, new ClientThreads.Timing() {
      @Override
      public int before() {
        return measuring.get();
      }

      @Override
      public void after(int state, long nanos) {
        if (state >= 0 && measuring.get() == state) {
          recorders[state].recordValue(nanos);
          counted[state].increment();
        }
      }
    });
    AtomicBoolean stop = threads.stopped();
    long[] measuredNanos = new long[2];
    List<Double> roundRatios = new ArrayList<>();
    try {
      warmUp(switchTo, stop);
      System.err.printf("  %s, %d clients: measuring %d slices of %d s per state%n",
          name, clients, rounds, slice.toSeconds());
      for (int round = 0; round < rounds && !stop.get(); round++) {
        double[] perSecond = new double[2];
        for (int turn = 0; turn < 2; turn++) {
          int state = (round % 2 == 0) == (turn == 0) ? 0 : 1;
          switchTo.accept(state == 0);
          Thread.sleep(SETTLE.toMillis());
          long begin = System.nanoTime();
          long beganMillis = System.currentTimeMillis();
          long countedBefore = counted[state].sum();
          measuring.set(state);
          Thread.sleep(slice.toMillis());
          measuring.set(-1);
          long nanos = System.nanoTime() - begin;
          measuredNanos[state] += nanos;
          perSecond[state] = (counted[state].sum() - countedBefore) / (nanos / 1e9);
          if (LOG_SLICES) {
            System.err.printf("slice %s %d %d%n", state == 0 ? "A" : "B", beganMillis, System.currentTimeMillis());
          }
        }
        if (perSecond[1] > 0) {
          roundRatios.add(perSecond[0] / perSecond[1]);
        }
      }
    } finally {
      threads.stopAndCheck();
    }
    if (roundRatios.size() >= 2) {
      System.err.printf("  %s, %d clients: A / B by round: %s%n", name, clients, PairedRatio.of(roundRatios));
    }
    Measurement[] results = new Measurement[2];
    for (int state = 0; state < 2; state++) {
      Histogram histogram = recorders[state].getIntervalHistogram();
      results[state] = new Measurement(name + (state == 0 ? "-A" : "-B"), clients,
          histogram.getTotalCount() / (measuredNanos[state] / 1e9),
          histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6);
    }
    return results;
  }

  /** Both states in turn, a few seconds each, until the JIT is quiet or the warm-up cap is reached. */
  private void warmUp(StateSwitch switchTo, AtomicBoolean stop) throws Exception {
    long begin = System.nanoTime();
    boolean state = true;
    // A pair of slices (one per state) with almost no compiling ends it, once the minimum is done.
    long compiledBefore = JitQuiet.compilingMillis();
    for (int turn = 0; !stop.get(); turn++) {
      switchTo.accept(state);
      state = !state;
      Thread.sleep(slice.toMillis());
      long elapsed = System.nanoTime() - begin;
      if (elapsed >= warmup.maximumWarmup().toNanos()) {
        return;
      }
      if (turn % 2 == 1) {
        long compiled = JitQuiet.compilingMillis();
        if (elapsed >= warmup.minimumWarmup().toNanos() && JitQuiet.quiet(compiled - compiledBefore, slice.multipliedBy(2))) {
          return;
        }
        compiledBefore = compiled;
      }
    }
  }

  /** Puts the system under test into state A ({@code true}) or B ({@code false}). */
  @FunctionalInterface
  public interface StateSwitch {
    void accept(boolean stateA) throws Exception;
  }
}
