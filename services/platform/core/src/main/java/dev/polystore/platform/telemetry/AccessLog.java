package dev.polystore.platform.telemetry;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.slf4j.spi.LoggingEventBuilder;

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

  /** The key of each field in the line's key-value pairs, in {@link Line}'s order. */
  private static final List<String> KEYS = List.of("rpc.method", "grpc.status_code", "duration_ms",
      CallAttributes.PRINCIPAL, CallAttributes.WORKSPACE, "trace_id");

  private final Function<Observation.Context, Optional<String>> traceId;
  private final Line line;

  /** {@code traceId} reads the call's trace id from its observation; empty when it is not traced. */
  public AccessLog(Function<Observation.Context, Optional<String>> traceId) {
    this(traceId, SLF4J);
  }

  /** As above, each line handed to {@code line} (the gateway's goes to Logback directly). */
  public AccessLog(Function<Observation.Context, Optional<String>> traceId, Line line) {
    this.traceId = traceId;
    this.line = line;
  }

  /** Writes one access line on the logger {@link #LOGGER}, at INFO, its fields as key-value pairs. */
  @FunctionalInterface
  public interface Line {
    void write(String method, String status, String durationMs, String principal, String workspace, String traceId);
  }

  @Override
  public void onStart(GrpcServerObservationContext context) {
    context.put(Started.class, new Started(System.nanoTime()));
  }

  @Override
  public void onStop(GrpcServerObservationContext context) {
    Started started = context.get(Started.class);
    if (started == null || !log.isInfoEnabled()) {
      return; // not started while the log was on
    }
    long micros = (System.nanoTime() - started.nanos()) / 1_000;
    String method = context.getFullMethodName(); // the descriptor's "service/method", made once per method
    String status = context.getStatusCode() == null ? "UNKNOWN" : context.getStatusCode().name();
    String principal = value(context, CallAttributes.PRINCIPAL);
    String workspace = value(context, CallAttributes.WORKSPACE);
    String trace = traceId.apply(context).orElse("-");
    line.write(method, status, millis(micros), principal, workspace, trace);
  }

  /** Through SLF4J's fluent API: any logging backend. */
  public static final Line SLF4J = AccessLog::slf4j;

  private static void slf4j(String method, String status, String durationMs, String principal, String workspace,
      String traceId) {
    Object[] fields = {method, status, durationMs, principal, workspace, traceId};
    LoggingEventBuilder line = log.atInfo();
    for (KeyValuePair pair : pairs(fields)) {
      line.addKeyValue(pair.key, pair.value);
    }
    line.log(message(method, status, durationMs, principal, workspace, traceId));
  }

  /**
   * The line's message, formatted already: joined here, not by a "{}" pattern, because the
   * backend's formatter scans its pattern on every line, which was half of what writing the access
   * log cost in a profile of GetUser (docs/benchmarks.md, observability).
   */
  public static String message(String method, String status, String durationMs, String principal, String workspace,
      String traceId) {
    return method + " " + status + " " + durationMs + "ms principal=" + principal + " workspace=" + workspace
        + " trace=" + traceId;
  }

  /** The line's fields, in {@link Line}'s order, as its key-value pairs (the JSON format's fields). */
  public static List<KeyValuePair> pairs(Object[] fields) {
    List<KeyValuePair> pairs = new ArrayList<>(KEYS.size());
    for (int i = 0; i < KEYS.size(); i++) {
      pairs.add(new KeyValuePair(KEYS.get(i), fields[i]));
    }
    return pairs;
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
