package dev.polystore.gateway;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.telemetry.AccessLog;
import dev.polystore.platform.telemetry.Telemetry;
import io.micrometer.core.instrument.Gauge;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Optional;

/**
 * Turns the platform's observations (platform.telemetry.Telemetry: one per RPC, per SQL statement,
 * per Valkey command) into what an operator reads: Micrometer meters (scraped from the management
 * port), OpenTelemetry spans (W3C trace context continued from the caller; exported over OTLP only
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set) and the access log.
 *
 * <p>The handlers are added to the process's observation registry once; each gateway start sets
 * which of them are on and where spans go.
 */
public final class GatewayTelemetry {
  /** OpenTelemetry's own variable: the collector's base URL (http/protobuf, /v1/traces is added). */
  public static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  /** {@code false} turns the access log off (it is on by default). */
  public static final String ACCESS_LOG = "POLYSTORE_ACCESS_LOG";
  /** The commit the image was built from, for the build info metric (set by the image build). */
  public static final String COMMIT = "POLYSTORE_COMMIT";

  /**
   * What a gateway records: call metrics and the access log on or off, and where spans go (none:
   * no tracing at all).
   */
  public record Options(boolean callMetrics, boolean accessLog, Optional<SpanProcessor> spans, Sampler sampler) {
    public Options(boolean callMetrics, boolean accessLog, Optional<SpanProcessor> spans) {
      this(callMetrics, accessLog, spans, SpanSampling.EVERY_CALL);
    }

    public static Options fromEnv(Env env) {
      Sampler sampler = SpanSampling.fromEnv(env); // checked first: a bad setting fails before anything starts
      SpanBatching batching = SpanBatching.fromEnv(env);
      Optional<SpanProcessor> otlp = env.has(OTLP_ENDPOINT)
          ? Optional.of(batching.processor(OtlpHttpSpanExporter.builder()
              .setEndpoint(env.required(OTLP_ENDPOINT).replaceAll("/+$", "") + "/v1/traces").build()))
          : Optional.empty();
      return new Options(true, env.bool(ACCESS_LOG, true), otlp, sampler);
    }

    /** Nothing recorded per call: the benchmark's baseline. */
    public static Options off() {
      return new Options(false, false, Optional.empty());
    }
  }

  private static GatewayTelemetry installed;

  private final SpanSinks sinks = new SpanSinks();
  private final SpanSampling sampling = new SpanSampling();
  private final TelemetryHandlers handlers;

  private GatewayTelemetry() {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), "polystore-gateway"))))
        .addSpanProcessor(sinks)
        .setSampler(sampling)
        .build();
    this.handlers = new TelemetryHandlers(new CachedMeterHandler(Telemetry.meters()),
        new SpanHandler(provider.get("dev.polystore")), new AccessLog(SpanHandler::traceId, new LogbackAccessLine()));
    Telemetry.observations().observationConfig().observationHandler(handlers);
    Gauge.builder("polystore.build.info", () -> 1)
        .description("the running build: version and commit as tags")
        .tag("version", Optional.ofNullable(Gateway.class.getPackage().getImplementationVersion()).orElse("dev"))
        .tag("commit", Optional.ofNullable(System.getenv(COMMIT)).orElse("unknown"))
        .register(Telemetry.meters());
  }

  /**
   * Applies {@code options} to the process's observation registry (installing it the first time);
   * every gateway start does. The benchmark flips a running gateway's telemetry on and off with it.
   */
  public static synchronized void apply(Options options) {
    if (installed == null) {
      installed = new GatewayTelemetry();
    }
    installed.sinks.set(options.spans().orElse(null));
    installed.sampling.set(options.sampler());
    installed.handlers.set(options.callMetrics(), options.spans().isPresent(), options.accessLog());
  }
}
