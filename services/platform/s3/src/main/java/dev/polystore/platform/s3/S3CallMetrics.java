package dev.polystore.platform.s3;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * The AWS SDK's own per-call metrics (its {@link MetricPublisher} hook, the same numbers its
 * CloudWatch publisher sends) as Micrometer meters: {@code aws.sdk.call} timed by operation and
 * outcome, and {@code aws.sdk.call.retries}. Tags follow OpenTelemetry's AWS SDK conventions
 * (rpc.system=aws-api, rpc.service=S3, rpc.method=PutObject).
 */
final class S3CallMetrics implements MetricPublisher {
  private final MeterRegistry registry;

  S3CallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void publish(MetricCollection call) {
    String service = first(call, CoreMetric.SERVICE_ID, "S3");
    String operation = first(call, CoreMetric.OPERATION_NAME, "unknown");
    Boolean successful = call.metricValues(CoreMetric.API_CALL_SUCCESSFUL).stream().findFirst().orElse(false);
    Duration duration = call.metricValues(CoreMetric.API_CALL_DURATION).stream().findFirst().orElse(null);
    if (duration != null) {
      Timer.builder("aws.sdk.call")
          .description("an AWS SDK call, retries included")
          .tags("rpc.system", "aws-api", "rpc.service", service, "rpc.method", operation,
              "outcome", Boolean.TRUE.equals(successful) ? "success" : "failure")
          .register(registry)
          .record(duration);
    }
    int retries = call.metricValues(CoreMetric.RETRY_COUNT).stream().findFirst().orElse(0);
    if (retries > 0) {
      Counter.builder("aws.sdk.call.retries")
          .tags("rpc.system", "aws-api", "rpc.service", service, "rpc.method", operation)
          .register(registry)
          .increment(retries);
    }
  }

  private static String first(MetricCollection call, software.amazon.awssdk.metrics.SdkMetric<String> metric, String fallback) {
    return call.metricValues(metric).stream().findFirst().orElse(fallback);
  }

  @Override
  public void close() {
    // Nothing buffered: every call is recorded as it is published.
  }
}
