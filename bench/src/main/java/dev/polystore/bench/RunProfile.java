package dev.polystore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import one.profiler.AsyncProfiler;

/**
 * A CPU profile of one measured run, with {@code -Dbench.profile.dir=DIR}: async-profiler samples
 * every thread of this JVM (kernel stacks included) while the run is measured, and writes
 * {@code DIR/<run>.collapsed} (one line per stack, the thread's name first, for flame graphs or
 * grep). A profile of the whole process mixes the no-op, the gateway and the direct side, which
 * share the transport's threads; one per run keeps them apart.
 */
final class RunProfile {
  private static final String DIR = System.getProperty("bench.profile.dir");

  private final AsyncProfiler profiler;
  private final Path file;

  private RunProfile(AsyncProfiler profiler, Path file) {
    this.profiler = profiler;
    this.file = file;
  }

  /** Sampling from now; null when off. */
  static RunProfile start(String run) {
    if (DIR == null) {
      return null;
    }
    try {
      Path dir = Files.createDirectories(Path.of(DIR));
      // The library comes out of the jar on the class path (linux-x64 only).
      AsyncProfiler profiler = AsyncProfiler.getInstance();
      profiler.execute("start,event=cpu,interval=1ms,threads");
      return new RunProfile(profiler, dir.resolve(run.replaceAll("[^A-Za-z0-9._-]+", "_") + ".collapsed"));
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      throw new IllegalStateException("cannot profile " + run + " (bench.profile.dir=" + DIR + ")", e);
    }
  }

  void stop() {
    try {
      profiler.execute("stop,threads,collapsed,file=" + file);
      System.err.println("  profile of the measured run: " + file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the profile " + file, e);
    }
  }
}
