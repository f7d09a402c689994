package dev.polystore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a measured run's CPU went, with {@code -Dbench.cpu=true} on Linux: the time of each group
 * of this JVM's threads (by name, numbers dropped) and of each other process (by name: the local
 * engines), from {@code /proc}, in microseconds per call, and the share of the cores left idle.
 * A profiler's Java samples miss what threads spend in the kernel (waking one another, sockets),
 * and the engines' own processes; this counts both, which is what a ratio to the bound is made of.
 *
 * <p>A second line counts this JVM's sleeps per call by thread group: each voluntary context switch
 * is a thread that blocked and had to be woken, a hand-off's price on these machines (about 40 µs of
 * kernel time, docs/benchmarks.md); unlike time, the count barely moves with a noisy neighbour.
 */
final class CpuAccount {
  private static final boolean ON = Boolean.getBoolean("bench.cpu");
  private static final Path PROC = Path.of("/proc");
  /** USER_HZ, the unit of /proc's CPU times: 100 on every Linux build for these machines. */
  private static final double TICKS_PER_SECOND = 100;
  /** Groups under this share of the run's CPU are summed as "other". */
  private static final double SMALL = 0.01;

  /** Groups under this many sleeps a call are summed as "other". */
  private static final double FEW_SLEEPS = 0.05;

  private final Map<String, Long> before;
  private final Map<String, Long> sleepsBefore;
  private final long startNanos;

  private CpuAccount(Map<String, Long> before, Map<String, Long> sleepsBefore, long startNanos) {
    this.before = before;
    this.sleepsBefore = sleepsBefore;
    this.startNanos = startNanos;
  }

  /** From now; null when off or without /proc. */
  static CpuAccount start() {
    return ON && Files.isDirectory(PROC.resolve("self/task")) ? new CpuAccount(ticks(), sleeps(), System.nanoTime()) : null;
  }

  /**
   * Two lines for {@code calls} calls since {@link #start}: microseconds per call by group, largest
   * first; and this JVM's sleeps per call by thread group.
   */
  String report(String name, long calls) {
    return cpu(name, calls) + "\n" + sleeps(name, calls);
  }

  private String sleeps(String name, long calls) {
    Map<String, Double> slept = since(sleepsBefore, sleeps());
    double perCall = 1.0 / Math.max(1, calls);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  sleeps of %s: %.2f a call:", name,
        total(slept) * perCall));
    return largestFirst(line, slept, FEW_SLEEPS / perCall, perCall, "%.2f");
  }

  private String cpu(String name, long calls) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Double> spent = since(before, ticks());
    spent.replaceAll((group, ticks) -> ticks / TICKS_PER_SECOND);
    double total = total(spent);
    double cores = Runtime.getRuntime().availableProcessors();
    double perCall = 1e6 / Math.max(1, calls);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "  cpu of %s: %.1f µs a call, cores %.0f%% busy:", name, total * perCall, 100 * total / (cores * seconds)));
    return largestFirst(line, spent, SMALL * total, perCall, "%.1f");
  }

  /** What each group added since {@code earlier}, for the groups that added anything. */
  private static Map<String, Double> since(Map<String, Long> earlier, Map<String, Long> now) {
    Map<String, Double> added = new HashMap<>();
    now.forEach((group, count) -> {
      long more = count - earlier.getOrDefault(group, 0L);
      if (more > 0) {
        added.put(group, (double) more);
      }
    });
    return added;
  }

  private static double total(Map<String, Double> amounts) {
    return amounts.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Appends each group's amount times {@code scale}, largest first; those under {@code below} summed as "other". */
  private static String largestFirst(StringBuilder line, Map<String, Double> amounts, double below, double scale,
      String digits) {
    List<Map.Entry<String, Double>> largest = new ArrayList<>(amounts.entrySet());
    largest.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    double other = 0;
    for (Map.Entry<String, Double> group : largest) {
      if (group.getValue() < below) {
        other += group.getValue();
      } else {
        line.append(String.format(Locale.ROOT, " %s " + digits + ",", group.getKey(), group.getValue() * scale));
      }
    }
    return line.append(String.format(Locale.ROOT, " other " + digits, other * scale)).toString();
  }

  /** CPU ticks so far: per thread group of this JVM ("jvm:" name), per other process ("proc:" name). */
  private static Map<String, Long> ticks() {
    Map<String, Long> ticks = new HashMap<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> tasks = Files.list(PROC.resolve("self/task"));
        Stream<Path> processes = Files.list(PROC)) {
      tasks.forEach(task -> add(ticks, "jvm:", task.resolve("stat")));
      processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(dir -> Long.parseLong(dir.getFileName().toString()) != self)
          .forEach(process -> add(ticks, "proc:", process.resolve("stat")));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc for -Dbench.cpu", e);
    }
    return ticks;
  }

  /** Voluntary context switches so far, per thread group of this JVM. */
  private static Map<String, Long> sleeps() {
    Map<String, Long> sleeps = new HashMap<>();
    try (Stream<Path> tasks = Files.list(PROC.resolve("self/task"))) {
      tasks.forEach(task -> addSleeps(sleeps, task.resolve("status")));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc for -Dbench.cpu", e);
    }
    return sleeps;
  }

  /** Adds one thread's voluntary switches (its /proc status file) to its group; a gone thread is skipped. */
  private static void addSleeps(Map<String, Long> sleeps, Path status) {
    String name = null;
    long switches = -1;
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("Name:")) {
          name = line.substring("Name:".length()).strip();
        } else if (line.startsWith("voluntary_ctxt_switches:")) {
          switches = Long.parseLong(line.substring("voluntary_ctxt_switches:".length()).strip());
        }
      }
    } catch (IOException gone) {
      return;
    }
    if (name != null && switches >= 0) {
      sleeps.merge(group("jvm:", name), switches, Long::sum);
    }
  }

  /** Adds user and system time of one /proc stat file to its group; gone threads and processes are skipped. */
  private static void add(Map<String, Long> ticks, String kind, Path stat) {
    String line;
    try {
      line = Files.readString(stat);
    } catch (IOException gone) {
      return;
    }
    // "pid (name) state ...": the name may hold spaces and parentheses, so split at the last ')'.
    String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    ticks.merge(group(kind, name), used, Long::sum);
  }

  /** The group of a thread or process name: numbers dropped, so a pool's threads are one group. */
  private static String group(String kind, String name) {
    return kind + name.replaceAll("[-#]?[0-9]+$", "").replaceAll("[0-9]+", "N");
  }
}
