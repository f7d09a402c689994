package dev.polystore.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void aRunningLineHasTheTotalRateAndEta() {
    Progress progress = new Progress(System.out, "accounts.users export", "rows", 1_000);
    progress.add(250);
    String line = progress.line(System.nanoTime() + 1_000_000_000L, false);
    assertTrue(line.startsWith("[accounts.users export] 250 rows of 1,000, "), line);
    assertTrue(line.contains(" rows/s, ETA "), line);
  }

  @Test
  void theFinalLineHasTheCountAndDuration() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Progress progress = new Progress(new PrintStream(out, true), "wal shipping", "segments", -1);
    progress.add(3);
    assertEquals(3, progress.finish());
    assertTrue(out.toString().matches("\\[wal shipping\\] 3 segments, [0-9,]+ segments/s, done in [0-9.]+ s\\R"), out.toString());
  }
}
