package dev.polystore.admin;

import java.nio.file.Path;

/** Takes each table's exported rows (a gzip file) as soon as the table is done. */
@FunctionalInterface
public interface TableSink {
  void accept(String table, Path file, long rows);
}
