package dev.polystore.accounts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LastUseRecorderTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private final BatchLog store = new BatchLog();

  @Test
  void writesTheLatestUseOfEachKeyInOneBatch() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    try (LastUseRecorder recorder = new LastUseRecorder(store, Duration.ofHours(1))) {
      recorder.record(a, T0.plusSeconds(2));
      recorder.record(a, T0);
      recorder.record(b, T0.plusSeconds(1));

      recorder.flush();

      assertEquals(List.of(Map.of(a, T0.plusSeconds(2), b, T0.plusSeconds(1))), store.batches);
    }
  }

  @Test
  void writesNothingWhenNothingWasUsed() {
    try (LastUseRecorder recorder = new LastUseRecorder(store, Duration.ofHours(1))) {
      recorder.flush();
      recorder.flush();
    }
    assertTrue(store.batches.isEmpty());
  }

  @Test
  void keepsUsesAFailedFlushCouldNotWrite() {
    UUID a = UUID.randomUUID();
    try (LastUseRecorder recorder = new LastUseRecorder(store, Duration.ofHours(1))) {
      recorder.record(a, T0);
      store.failing = true;
      assertThrows(IllegalStateException.class, recorder::flush);

      store.failing = false;
      recorder.flush();

      assertEquals(List.of(Map.of(a, T0)), store.batches);
    }
  }

  @Test
  void writesWhatIsPendingOnClose() {
    UUID a = UUID.randomUUID();
    LastUseRecorder recorder = new LastUseRecorder(store, Duration.ofHours(1));
    recorder.record(a, T0);

    recorder.close();

    assertEquals(List.of(Map.of(a, T0)), store.batches);
  }

  /** Records the batches it is given. */
  private static final class BatchLog implements LastUseWriter {
    final List<Map<UUID, Instant>> batches = new ArrayList<>();
    volatile boolean failing;

    @Override
    public synchronized void recordLastUses(Map<UUID, Instant> lastUses) {
      if (failing) {
        throw new IllegalStateException("store away");
      }
      batches.add(Map.copyOf(lastUses));
    }
  }
}
