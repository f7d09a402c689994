package dev.polystore.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  @Test
  void showsRateAndEta() {
    ProgressLine line = new ProgressLine("messages", 1000, new PrintStream(new ByteArrayOutputStream()));
    long twoSecondsLater = System.nanoTime() + 2_000_000_000L;
    // Rate and ETA from the line's own start, so allow the few nanoseconds since.
    String text = line.line(500, twoSecondsLater);
    assertEquals("[messages] 500/1000 250/s elapsed 2s eta 2s", text);
  }

  @Test
  void formatsMinutes() {
    assertEquals("2m5s", ProgressLine.format(125));
    assertEquals("0s", ProgressLine.format(-1));
  }
}
