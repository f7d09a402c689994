package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.telemetry.StoreCall;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpanHandlerTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final ObservationRegistry observations = ObservationRegistry.create();

  private void trace(Sampler sampler) {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(exported)).setSampler(sampler).build();
    observations.observationConfig().observationHandler(new SpanHandler(provider.get("test")));
  }

  @Test
  void aCallContinuesItsCallersTraceAndItsStoreCallsAreItsChildren() {
    trace(Sampler.parentBased(Sampler.alwaysOn()));
    Observation call = call(Map.of("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01")).start();
    try (Observation.Scope scope = call.openScope()) {
      Observation.createNotStarted("db.client.operation", observations).contextualName("SELECT accounts")
          .lowCardinalityKeyValues(KeyValues.of("db.namespace", "accounts")).start().stop();
    }
    call.stop();

    SpanData rpc = only(SpanKind.SERVER);
    assertEquals(TRACE, rpc.getTraceId());
    assertEquals(CALLER_SPAN, rpc.getParentSpanId(), "the caller's span is the parent");
    assertEquals("polystore.accounts.v1.AccountsService/GetUser", rpc.getName());
    SpanData select = only(SpanKind.INTERNAL);
    assertEquals("SELECT accounts", select.getName());
    assertEquals(rpc.getSpanId(), select.getParentSpanId());
    assertEquals(TRACE, select.getTraceId());
    assertEquals("accounts", select.getAttributes().asMap().entrySet().stream()
        .filter(entry -> entry.getKey().getKey().equals("db.namespace")).findFirst().orElseThrow().getValue());
  }

  @Test
  void aStoreCallsSpanCarriesItsKindsKeyValuesAndAnyAdded() {
    trace(Sampler.alwaysOn());
    StoreCall select = new StoreCall("db.client.operation", "SELECT accounts",
        KeyValues.of("db.namespace", "accounts", "db.operation.name", "SELECT"));
    select.observation(observations).lowCardinalityKeyValue("db.response.status_code", "0").start().stop();

    SpanData span = only(SpanKind.INTERNAL);
    assertEquals("SELECT accounts", span.getName());
    Map<String, Object> attributes = span.getAttributes().asMap().entrySet().stream()
        .collect(Collectors.toMap(entry -> entry.getKey().getKey(), Map.Entry::getValue));
    assertEquals("accounts", attributes.get("db.namespace"));
    assertEquals("SELECT", attributes.get("db.operation.name"));
    assertEquals("0", attributes.get("db.response.status_code"), "a key value added to the call was dropped");
  }

  @Test
  void anErrorEndsTheSpanWithStatusErrorAndTheException() {
    trace(Sampler.alwaysOn());
    Observation failed = Observation.createNotStarted("db.client.operation", observations).start();
    failed.error(new IllegalStateException("store away"));
    failed.stop();

    SpanData span = exported.getFinishedSpanItems().get(0);
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("store away", span.getStatus().getDescription());
    assertTrue(span.getEvents().stream().anyMatch(event -> event.getName().equals("exception")));
  }

  @Test
  void aCallerThatDidNotSampleGetsNoSpansAndKeepsItsTraceId() {
    trace(Sampler.parentBased(Sampler.alwaysOn()));
    Observation call = call(Map.of("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-00")).start();
    try (Observation.Scope scope = call.openScope()) {
      Observation.createNotStarted("db.client.operation", observations).start().stop();
    }
    call.stop();

    assertTrue(exported.getFinishedSpanItems().isEmpty(), () -> "spans: " + exported.getFinishedSpanItems());
    assertEquals(TRACE, SpanHandler.traceId(call.getContext()).orElseThrow(), "the access log still names the caller's trace");
  }

  @Test
  void underTheDefaultSamplerAStoreCallIsTracedExactlyWhenItsCallIs() {
    storeCallsFollowTheirCall(SpanSampling.fromEnv(new Env(Map.of())));
  }

  @Test
  void underAPlainRatioSamplerAStoreCallIsTracedExactlyWhenItsCallIs() {
    storeCallsFollowTheirCall(Sampler.traceIdRatioBased(0.5));
  }

  private void storeCallsFollowTheirCall(Sampler sampler) {
    trace(sampler);
    for (int i = 0; i < 200; i++) {
      Observation call = call(Map.of()).start();
      try (Observation.Scope scope = call.openScope()) {
        Observation.createNotStarted("db.client.operation", observations).start().stop();
      }
      call.stop();
    }
    Set<String> calls = exported.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.SERVER)
        .map(SpanData::getSpanId).collect(Collectors.toSet());
    List<String> storeParents = exported.getFinishedSpanItems().stream()
        .filter(span -> span.getKind() == SpanKind.INTERNAL).map(SpanData::getParentSpanId).toList();
    assertTrue(calls.size() > 0 && calls.size() < 200, calls.size() + " of 200 calls sampled");
    assertEquals(calls, Set.copyOf(storeParents), "a store span for each sampled call, none for the rest");
    assertEquals(calls.size(), storeParents.size());
  }

  @Test
  void aCallWithoutTraceparentStartsATraceOfItsOwn() {
    trace(Sampler.parentBased(Sampler.alwaysOn()));
    Observation call = call(Map.of()).start();
    call.stop();

    SpanData rpc = only(SpanKind.SERVER);
    assertFalse(rpc.getParentSpanContext().isValid());
    assertEquals(rpc.getTraceId(), SpanHandler.traceId(call.getContext()).orElseThrow());
  }

  private Observation call(Map<String, String> headers) {
    GrpcServerObservationContext context = new GrpcServerObservationContext((carrier, key) -> headers.get(key));
    context.setCarrier(new io.grpc.Metadata());
    context.setServiceName("polystore.accounts.v1.AccountsService");
    context.setMethodName("GetUser");
    context.setFullMethodName("polystore.accounts.v1.AccountsService/GetUser");
    return Observation.createNotStarted("grpc.server", () -> context, observations)
        .contextualName("polystore.accounts.v1.AccountsService/GetUser");
  }

  private SpanData only(SpanKind kind) {
    List<SpanData> spans = exported.getFinishedSpanItems().stream().filter(span -> span.getKind() == kind).toList();
    assertEquals(1, spans.size(), () -> kind + " spans: " + exported.getFinishedSpanItems());
    return spans.get(0);
  }
}
