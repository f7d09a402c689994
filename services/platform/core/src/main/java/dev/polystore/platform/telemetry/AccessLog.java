package dev.polystore.platform.telemetry;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per gRPC call on the logger {@code polystore.access}, written when the call's
 * observation stops: method, status, duration, principal, workspace, trace id. The fields are also
 * the line's key-value pairs, which the JSON log format ({@code LOG_FORMAT=json}) writes as fields.
 *
 * <p>What it logs comes from the observation only (names, the status code, timings), never from
 * the request, its metadata or a status description, so no secret, credential or message body can
 * reach the log.
 */
public final class AccessLog implements ObservationHandler<GrpcServerObservationContext> {
  public static final String LOGGER = "polystore.access";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private final Function<Observation.Context, Optional<String>> traceId;

  /** {@code traceId} reads the call's trace id from its observation; empty when it is not traced. */
  public AccessLog(Function<Observation.Context, Optional<String>> traceId) {
    this.traceId = traceId;
  }

  @Override
  public void onStart(GrpcServerObservationContext context) {
    context.put(Started.class, new Started(System.nanoTime()));
  }

  @Override
  public void onStop(GrpcServerObservationContext context) {
    if (!log.isInfoEnabled()) {
      return;
    }
    Started started = context.get(Started.class);
    long micros = started == null ? 0 : (System.nanoTime() - started.nanos()) / 1_000;
    String method = context.getFullMethodName(); // the descriptor's "service/method", made once per method
    String status = context.getStatusCode() == null ? "UNKNOWN" : context.getStatusCode().name();
    String principal = value(context, CallAttributes.PRINCIPAL);
    String workspace = value(context, CallAttributes.WORKSPACE);
    String trace = traceId.apply(context).orElse("-");
    String duration = millis(micros);
    log.atInfo()
        .addKeyValue("rpc.method", method)
        .addKeyValue("grpc.status_code", status)
        .addKeyValue("duration_ms", duration)
        .addKeyValue(CallAttributes.PRINCIPAL, principal)
        .addKeyValue(CallAttributes.WORKSPACE, workspace)
        .addKeyValue("trace_id", trace)
        .log("{} {} {}ms principal={} workspace={} trace={}", method, status, duration, principal, workspace, trace);
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof GrpcServerObservationContext;
  }

  /**
   * Milliseconds with three decimals, as {@code String.format("%.3f")} writes them; by hand
   * because the formatter parsed its pattern on every call, a measurable share of each call's cost.
   */
  static String millis(long micros) {
    long fraction = micros % 1_000;
    return micros / 1_000 + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
  }

  private static String value(Observation.Context context, String key) {
    KeyValue value = context.getHighCardinalityKeyValue(key);
    return value == null ? "-" : value.getValue();
  }

  private record Started(long nanos) {}
}
