package dev.polystore.bench;

import java.util.List;

/** One service's benchmark: its comparisons, measured in one run against one store. */
public interface BenchSuite {
  /** Short name used on the command line: "accounts". */
  String name();

  /** Runs every comparison at every client count. */
  List<Comparison> run(LoadRunner runner, List<Integer> clientCounts) throws Exception;
}
