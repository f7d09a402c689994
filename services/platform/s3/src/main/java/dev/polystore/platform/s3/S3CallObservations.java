package dev.polystore.platform.s3;

import dev.polystore.platform.telemetry.StoreCall;
import dev.polystore.platform.telemetry.Telemetry;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * One observation per S3 call made for an RPC, retries included, through the SDK's own interceptor
 * hook: the call's span (a child of the RPC's, as the client is synchronous and runs on the
 * handler thread), named
 * and tagged after OpenTelemetry's AWS SDK conventions ("S3.PutObject"; rpc.system=aws-api,
 * rpc.service=S3, rpc.method=PutObject; the bucket as aws.s3.bucket on the span only), and the timer
 * {@code aws.sdk.operation}. OpenTelemetry's AWS SDK instrumentation would report to an
 * OpenTelemetry SDK, not to the observation registry the gateway's spans and switches hang on.
 * The SDK's retries and per-call outcome stay with {@link S3CallMetrics} ({@code aws.sdk.call}).
 */
final class S3CallObservations implements ExecutionInterceptor {
  private static final ExecutionAttribute<Observation> OBSERVATION = new ExecutionAttribute<>("polystore.observation");

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    // Only calls made for an RPC: the health probe's HeadBucket every 500 ms would otherwise be a
    // trace of its own each time (aws.sdk.call still counts every call).
    if (!Telemetry.observingCall()) {
      return;
    }
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Observation observation = new StoreCall("aws.sdk.operation", service + "." + operation,
        KeyValues.of("rpc.system", "aws-api", "rpc.service", service, "rpc.method", operation)).observation();
    context.request().getValueForField("Bucket", String.class)
        .ifPresent(bucket -> observation.highCardinalityKeyValue("aws.s3.bucket", bucket));
    attributes.putAttribute(OBSERVATION, observation.start());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Observation observation = attributes.getAttribute(OBSERVATION);
    if (observation != null) {
      observation.stop();
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Observation observation = attributes.getAttribute(OBSERVATION);
    if (observation != null) {
      observation.error(context.exception());
      observation.stop();
    }
  }
}
