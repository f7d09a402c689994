package dev.polystore.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load: {@code clients} threads each call the operation back to back for a warm-up and
 * then a measured period; latencies go into an HdrHistogram. Both sides of a comparison run through
 * this same loop, so the harness costs the same on each.
 *
 * <p>The warm-up lasts at least its set time and then until the JIT compiler is quiet (see {@link
 * JitQuiet}), up to a cap: on two cores the gateway's path (Netty, grpc-java, protobuf) takes 20-40 s
 * of load to compile, far longer than the driver's, and measuring earlier would time the compiler.
 */
public final class LoadRunner {
  /** One operation call; the argument is a per-client sequence number, handy for unique keys. */
  @FunctionalInterface
  public interface Operation {
    void call(int client, long sequence) throws Exception;
  }

  private final Duration warmup;
  private final Duration maxWarmup;
  private final Duration measure;

  public LoadRunner(Duration warmup, Duration maxWarmup, Duration measure) {
    this.warmup = warmup;
    this.maxWarmup = maxWarmup.compareTo(warmup) < 0 ? warmup : maxWarmup;
    this.measure = measure;
  }

  /**
   * From system properties: bench.warmup.seconds (at least, 3), bench.warmup.max.seconds (at most,
   * 60), bench.measure.seconds (10); bench.cpu=true also prints where each run's CPU went ({@link CpuAccount}), and
   * bench.profile.dir=DIR writes a CPU profile of each measured run there ({@link RunProfile}).
   */
  public static LoadRunner fromSystemProperties() {
    return new LoadRunner(Duration.ofSeconds(Long.getLong("bench.warmup.seconds", 3)),
        Duration.ofSeconds(Long.getLong("bench.warmup.max.seconds", 60)),
        Duration.ofSeconds(Long.getLong("bench.measure.seconds", 10)));
  }

  /** This runner with a warm-up of exactly its minimum, for runs that must know their length ahead. */
  public LoadRunner withFixedWarmup() {
    return new LoadRunner(warmup, warmup, measure);
  }

  Duration minimumWarmup() {
    return warmup;
  }

  Duration maximumWarmup() {
    return maxWarmup;
  }

  /** The longest the clients of one run may call: the longest warm-up and the measurement. */
  public Duration callingTime() {
    return maxWarmup.plus(measure);
  }

  public Measurement run(String name, int clients, Operation operation) throws InterruptedException {
    Recorder recorder = new Recorder(3);
    AtomicBoolean recording = new AtomicBoolean(false);
    ClientThreads threads = ClientThreads.start(name, clients, operation, new ClientThreads.Timing() {
      @Override
      public int before() {
        return 0;
      }

      @Override
      public void after(int token, long nanos) {
        if (recording.get()) {
          recorder.recordValue(nanos);
        }
      }
    });
    Thread.sleep(warmup.toMillis());
    Duration warmedFor = warmup.plus(JitQuiet.await(maxWarmup.minus(warmup), threads.stopped()));
    System.err.printf("  %s, %d clients: warmed up for %d s, measuring for %d s%n",
        name, clients, warmedFor.toSeconds(), measure.toSeconds());
    recorder.reset();
    recording.set(true);
    CpuAccount cpu = CpuAccount.start();
    RunProfile profile = RunProfile.start(name);
    long begin = System.nanoTime();
    Thread.sleep(measure.toMillis());
    var histogram = recorder.getIntervalHistogram();
    long elapsed = System.nanoTime() - begin;
    if (profile != null) {
      profile.stop();
    }
    if (cpu != null) {
      System.err.println(cpu.report(name, histogram.getTotalCount()));
    }
    threads.stopAndCheck();
    double seconds = elapsed / 1e9;
    return new Measurement(name, clients, histogram.getTotalCount() / seconds,
        histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6);
  }
}
