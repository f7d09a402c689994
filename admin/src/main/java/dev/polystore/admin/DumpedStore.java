package dev.polystore.admin;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** One kind of store as the export and import commands see it. */
public interface DumpedStore extends AutoCloseable {
  /** postgresql or cassandra, as the manifest names it. */
  String kind();

  /**
   * Writes every table of the service to {@code sink}, in import order, from one consistent view
   * where the store has one, and returns the source's schema version and the view's time.
   */
  Snapshot export(Path workDirectory, TableSink sink);

  /** Migrates the target to {@code manifest}'s schema version and loads the tables, in the manifest's order. */
  void load(Manifest manifest, List<Path> files, boolean replace);

  @Override
  void close();

  record Snapshot(String schemaVersion, Instant takenAt) {}
}
