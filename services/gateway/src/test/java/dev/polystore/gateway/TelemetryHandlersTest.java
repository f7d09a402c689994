package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.telemetry.AccessLog;
import io.grpc.Status;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TelemetryHandlersTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final List<String> lines = new ArrayList<>();
  private final TelemetryHandlers handlers = new TelemetryHandlers(new CachedMeterHandler(meters),
      new SpanHandler(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
          .setSampler(Sampler.alwaysOn()).build().get("test")),
      new AccessLog(SpanHandler::traceId, (method, status, duration, principal, workspace, trace) ->
          lines.add(method + " " + status + " " + trace)));
  private final ObservationRegistry observations = ObservationRegistry.create();
  /** The hooks TelemetryHandlers forwards to its parts. */
  private static final Set<String> FORWARDED = Set.of("onStart", "onEvent", "onStop", "supportsContext");

  TelemetryHandlersTest() {
    observations.observationConfig().observationHandler(handlers);
  }

  @Test
  void eachPartRecordsOnlyWhileItIsOn() {
    handlers.set(true, false, false);
    call().start().stop();
    assertEquals(1, meters.get("grpc.server").timer().count());
    assertEquals(0, spans.getFinishedSpanItems().size());
    assertEquals(List.of(), lines);

    handlers.set(false, true, true);
    call().start().stop();
    assertEquals(1, meters.get("grpc.server").timer().count(), "meters were off");
    assertEquals(1, spans.getFinishedSpanItems().size());
    assertEquals(List.of("test.Service/Get OK " + spans.getFinishedSpanItems().get(0).getTraceId()), lines,
        "the access line reads the call's trace id before its span ends");
  }

  @Test
  void aPartTurnedOnDuringACallDoesNotStopIt() {
    handlers.set(false, false, false);
    Observation call = call().start();
    handlers.set(true, true, true);
    call.stop();
    assertNull(meters.find("grpc.server").timer());
    assertEquals(0, spans.getFinishedSpanItems().size());
    assertEquals(List.of(), lines);
  }

  @Test
  void aPartTurnedOffDuringACallStillStopsIt() {
    handlers.set(true, true, true);
    Observation call = call().start();
    handlers.set(false, false, false);
    call.stop();
    assertEquals(1, meters.get("grpc.server").timer().count());
    assertEquals(1, spans.getFinishedSpanItems().size());
    assertEquals(1, lines.size());
    assertEquals(0, meters.get(CachedMeterHandler.ACTIVE).gauge().value(), "the call is no longer in flight");
  }

  @Test
  void theAccessLogSeesOnlyCalls() {
    handlers.set(false, false, true);
    Observation.start("db.client.operation", observations).stop();
    assertEquals(List.of(), lines);
  }

  @Test
  void noPartHasAHookBesideStartEventAndStop() throws NoSuchMethodException {
    for (Class<?> part : List.of(CachedMeterHandler.class, SpanHandler.class, AccessLog.class)) {
      for (Method hook : ObservationHandler.class.getMethods()) {
        if (hook.isDefault() && !FORWARDED.contains(hook.getName())) {
          Class<?> declaring = part.getMethod(hook.getName(), hook.getParameterTypes()).getDeclaringClass();
          assertSame(ObservationHandler.class, declaring, part.getSimpleName() + "." + hook.getName()
              + " is implemented: TelemetryHandlers must forward it");
        }
      }
    }
  }

  @Test
  void anObservationNoPartRecordsIsLeftToMicrometerAlone() {
    handlers.set(false, false, false);
    assertFalse(handlers.supportsContext(new Observation.Context()));
    handlers.set(false, false, true);
    assertFalse(handlers.supportsContext(new Observation.Context()), "the access log writes calls only");
    assertTrue(handlers.supportsContext(call().getContext()));
    handlers.set(false, true, false);
    assertTrue(handlers.supportsContext(new Observation.Context()));
  }

  private Observation call() {
    GrpcServerObservationContext context = new GrpcServerObservationContext((carrier, key) -> null);
    context.setCarrier(new io.grpc.Metadata());
    context.setServiceName("test.Service");
    context.setMethodName("Get");
    context.setFullMethodName("test.Service/Get");
    context.setStatusCode(Status.Code.OK);
    return Observation.createNotStarted("grpc.server", () -> context, observations);
  }
}
