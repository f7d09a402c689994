package dev.polystore.gateway;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;

/**
 * How finished spans are batched on their way to the exporter, from OpenTelemetry's own variables:
 * {@code OTEL_BSP_MAX_EXPORT_BATCH_SIZE}, {@code OTEL_BSP_MAX_QUEUE_SIZE},
 * {@code OTEL_BSP_SCHEDULE_DELAY} and {@code OTEL_BSP_EXPORT_TIMEOUT} (milliseconds).
 *
 * <p>Why read them here: as for the sampler ({@link SpanSampling}), OpenTelemetry's autoconfigure
 * module would build the whole SDK from the environment. The defaults differ from the SDK's (512
 * spans a batch, 2,048 queued): a gateway ends a span or more per call, thousands a second, and
 * each export is an HTTP request whose cost is mostly per request, not per span. ObservabilityBench
 * measured the SDK's defaults among the largest costs of a traced call (docs/benchmarks.md,
 * observability); a batch of {@link #BATCH} spans cuts the requests eightfold, and the queue holds
 * four batches, so a slow collector drops spans only after a few batches' worth of calls.
 */
record SpanBatching(int batch, int queue, Duration delay, Duration timeout) {
  static final String MAX_EXPORT_BATCH_SIZE = "OTEL_BSP_MAX_EXPORT_BATCH_SIZE";
  static final String MAX_QUEUE_SIZE = "OTEL_BSP_MAX_QUEUE_SIZE";
  static final String SCHEDULE_DELAY = "OTEL_BSP_SCHEDULE_DELAY";
  static final String EXPORT_TIMEOUT = "OTEL_BSP_EXPORT_TIMEOUT";

  static final int BATCH = 4096;

  static SpanBatching fromEnv(Env env) {
    int batch = env.integer(MAX_EXPORT_BATCH_SIZE, BATCH, 1, 1_000_000);
    int queue = env.integer(MAX_QUEUE_SIZE, Math.max(4 * BATCH, batch), 1, 10_000_000);
    if (batch > queue) {
      throw new ConfigException(MAX_EXPORT_BATCH_SIZE, "must not be larger than " + MAX_QUEUE_SIZE
          + " (" + queue + "), was " + batch);
    }
    return new SpanBatching(batch, queue,
        Duration.ofMillis(env.integer(SCHEDULE_DELAY, 5_000, 1, 3_600_000)),
        Duration.ofMillis(env.integer(EXPORT_TIMEOUT, 30_000, 1, 3_600_000)));
  }

  SpanProcessor processor(SpanExporter exporter) {
    return BatchSpanProcessor.builder(exporter)
        .setMaxExportBatchSize(batch)
        .setMaxQueueSize(queue)
        .setScheduleDelay(delay)
        .setExporterTimeout(timeout)
        .build();
  }
}
