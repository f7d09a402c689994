package dev.polystore.bench;

import dev.polystore.bench.accounts.AccountsBench;
import dev.polystore.bench.accounts.AccountsFloorBench;
import dev.polystore.bench.activity.ActivityBench;
import dev.polystore.bench.auth.AuthBench;
import dev.polystore.bench.files.FilesBench;
import dev.polystore.bench.messenger.MessengerBench;
import dev.polystore.bench.observability.ObservabilityBench;
import dev.polystore.bench.presence.PresenceBench;
import dev.polystore.bench.presence.PresenceFloorBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs benchmark suites and prints a markdown table per suite (also written to
 * bench/target/&lt;suite&gt;.md). Usage: {@code BenchMain [suite ...]}, all suites by default.
 * System properties: those of {@link LoadRunner#fromSystemProperties()}, bench.clients (1,4,16).
 */
public final class BenchMain {
  private static final Map<String, Supplier<BenchSuite>> SUITES = new LinkedHashMap<>();

  static {
    SUITES.put("accounts", AccountsBench::new);
    SUITES.put("accounts-floor", AccountsFloorBench::new);
    SUITES.put("presence", PresenceBench::new);
    SUITES.put("presence-floor", PresenceFloorBench::new);
    SUITES.put("activity", ActivityBench::new);
    SUITES.put("files", FilesBench::new);
    SUITES.put("messenger", MessengerBench::new);
    SUITES.put("auth", AuthBench::new);
    SUITES.put("observability", ObservabilityBench::new);
  }

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    List<String> names = args.length == 0 ? List.copyOf(SUITES.keySet()) : List.of(args);
    for (String name : names) {
      if (!SUITES.containsKey(name)) {
        System.err.println("unknown suite '" + name + "'; known: " + String.join(", ", SUITES.keySet()));
        System.exit(2);
      }
    }
    LoadRunner runner = LoadRunner.fromSystemProperties();
    List<Integer> clients = new ArrayList<>();
    for (String count : System.getProperty("bench.clients", "1,4,16").split(",")) {
      clients.add(Integer.parseInt(count.trim()));
    }
    for (String name : names) {
      System.out.println("== " + name + ": clients " + clients);
      List<Comparison> results = SUITES.get(name).get().run(runner, clients);
      String table = Comparison.markdownHeader() + "\n"
          + String.join("\n", results.stream().map(Comparison::markdownRow).toList()) + "\n";
      System.out.println(table);
      write(Path.of("target", name + ".md"), table);
    }
    // Devstack's stores and the gateway's threads would keep the JVM alive.
    System.exit(0);
  }

  private static void write(Path file, String table) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, table);
  }
}
