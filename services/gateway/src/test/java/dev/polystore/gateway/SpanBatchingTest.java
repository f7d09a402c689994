package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** OTEL_BSP_* read as OpenTelemetry names them, and the processor exporting in batches of that size. */
class SpanBatchingTest {
  @Test
  void theDefaultsAreLargeBatchesWithRoomForFour() {
    SpanBatching batching = SpanBatching.fromEnv(new Env(Map.of()));
    assertEquals(new SpanBatching(SpanBatching.BATCH, 4 * SpanBatching.BATCH, Duration.ofSeconds(5), Duration.ofSeconds(30)),
        batching);
  }

  @Test
  void theVariablesSetEachPart() {
    assertEquals(new SpanBatching(100, 1000, Duration.ofMillis(200), Duration.ofMillis(3000)),
        SpanBatching.fromEnv(new Env(Map.of(SpanBatching.MAX_EXPORT_BATCH_SIZE, "100", SpanBatching.MAX_QUEUE_SIZE, "1000",
            SpanBatching.SCHEDULE_DELAY, "200", SpanBatching.EXPORT_TIMEOUT, "3000"))));
    assertEquals(100_000, SpanBatching.fromEnv(new Env(Map.of(SpanBatching.MAX_EXPORT_BATCH_SIZE, "100000"))).queue(),
        "a batch larger than the default queue makes the queue that large");
  }

  @Test
  void aBatchLargerThanTheQueueOrABadNumberIsAClearError() {
    ConfigException larger = assertThrows(ConfigException.class, () -> SpanBatching.fromEnv(new Env(Map.of(
        SpanBatching.MAX_EXPORT_BATCH_SIZE, "600", SpanBatching.MAX_QUEUE_SIZE, "500"))));
    assertTrue(larger.getMessage().contains(SpanBatching.MAX_EXPORT_BATCH_SIZE)
        && larger.getMessage().contains(SpanBatching.MAX_QUEUE_SIZE), larger.getMessage());
    for (String bad : new String[] {"0", "-1", "many"}) {
      ConfigException error = assertThrows(ConfigException.class,
          () -> SpanBatching.fromEnv(new Env(Map.of(SpanBatching.SCHEDULE_DELAY, bad))));
      assertTrue(error.getMessage().contains(SpanBatching.SCHEDULE_DELAY), error.getMessage());
    }
  }

  @Test
  void theProcessorExportsEverySpanInBatchesOfAtMostTheSize() {
    List<Integer> batches = new CopyOnWriteArrayList<>();
    SpanExporter exporter = new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        batches.add(spans.size());
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    SpanBatching batching = SpanBatching.fromEnv(new Env(Map.of(SpanBatching.MAX_EXPORT_BATCH_SIZE, "3")));
    try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(batching.processor(exporter)).build()) {
      for (int i = 0; i < 7; i++) {
        provider.get("test").spanBuilder("span-" + i).startSpan().end();
      }
      provider.forceFlush().join(10, TimeUnit.SECONDS);
    }
    assertEquals(7, batches.stream().mapToInt(Integer::intValue).sum(), "every span exported: " + batches);
    assertTrue(batches.stream().allMatch(size -> size <= 3), "no batch above the size: " + batches);
  }
}
