package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.polystore.platform.telemetry.StoreCall;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.grpc.DefaultGrpcServerObservationConvention;
import io.micrometer.core.instrument.binder.grpc.GrpcObservationDocumentation;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachedMeterHandlerTest {
  private static final String SERVICE = "polystore.accounts.v1.AccountsService";
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ObservationRegistry observations = ObservationRegistry.create();

  CachedMeterHandlerTest() {
    observations.observationConfig().observationHandler(new CachedMeterHandler(meters));
  }

  @Test
  void eachStopLandsInTheTimerOfItsTagsAndError() {
    for (int i = 0; i < 3; i++) {
      statement("SELECT").start().stop();
    }
    statement("INSERT").start().stop();
    Observation failed = statement("SELECT").start();
    failed.error(new IllegalStateException("store away"));
    failed.stop();

    assertEquals(3, meters.get("db.client.operation").tags("db.operation.name", "SELECT", "error", "none").timer().count());
    assertEquals(1, meters.get("db.client.operation").tags("db.operation.name", "INSERT", "error", "none").timer().count());
    assertEquals(1, meters.get("db.client.operation")
        .tags("db.operation.name", "SELECT", "error", "IllegalStateException").timer().count());
    assertNull(meters.find("db.client.operation.active").meter(), "no in-flight meter for store calls");
  }

  @Test
  void aStoreCallsTimerIsTaggedWithItsKeyValuesAndError() {
    statement("SELECT").start().stop();
    assertEquals(Tags.of("db.system.name", "postgresql", "db.operation.name", "SELECT", "error", "none"),
        Tags.of(meters.get("db.client.operation").timer().getId().getTags()));
  }

  @Test
  void anyOtherObservationLandsInTheTimerOfItsKeyValues() {
    for (String operation : List.of("GET", "GET", "SET")) {
      Observation.createNotStarted("valkey.command", observations)
          .lowCardinalityKeyValue("db.operation.name", operation).start().stop();
    }
    assertEquals(2, meters.get("valkey.command").tags("db.operation.name", "GET", "error", "none").timer().count());
    assertEquals(1, meters.get("valkey.command").tags("db.operation.name", "SET", "error", "none").timer().count());
  }

  @Test
  void callsInFlightAreCountedUntilTheyStop() {
    Observation call = call("GetUser").start();
    Gauge active = meters.get("grpc.server.active").tags("rpc.method", "GetUser", "rpc.service", SERVICE).gauge();
    assertEquals(1, active.value());
    Observation second = call("GetUser").start();
    assertEquals(2, active.value());
    stop(call, Status.Code.OK);
    assertEquals(1, active.value());
    stop(second, Status.Code.OK);
    assertEquals(0, active.value());
    assertEquals(2, meters.get("grpc.server").tags("rpc.method", "GetUser", "grpc.status_code", "OK").timer().count());
  }

  @Test
  void eachCallLandsInTheTimerOfItsMethodStatusAndErrorTaggedAsMicrometersConvention() {
    stop(call("GetUser").start(), Status.Code.OK);
    stop(call("GetUser").start(), Status.Code.OK);
    stop(call("GetUser").start(), Status.Code.NOT_FOUND);
    stop(call("CreateUser").start(), Status.Code.OK);
    Observation failed = call("CreateUser").start();
    failed.error(new IllegalStateException("store away"));
    stop(failed, Status.Code.UNAVAILABLE);

    assertEquals(2, callTimer("GetUser", "OK", "none").count());
    assertEquals(1, callTimer("GetUser", "NOT_FOUND", "none").count());
    assertEquals(1, callTimer("CreateUser", "OK", "none").count());
    assertEquals(1, callTimer("CreateUser", "UNAVAILABLE", "IllegalStateException").count());
    assertEquals(4, meters.find("grpc.server").timers().size(), "one timer per method, status and error");
    // The tags are exactly the convention's key values at the stop, and the error.
    GrpcServerObservationContext context = context("GetUser");
    context.setStatusCode(Status.Code.NOT_FOUND);
    List<Tag> expected = new ArrayList<>();
    new DefaultGrpcServerObservationConvention().getLowCardinalityKeyValues(context)
        .forEach(keyValue -> expected.add(Tag.of(keyValue.getKey(), keyValue.getValue())));
    expected.add(Tag.of("error", "none"));
    assertEquals(Tags.of(expected), Tags.of(callTimer("GetUser", "NOT_FOUND", "none").getId().getTags()));
  }

  @Test
  void eventsAreCounted() {
    Observation observation = statement("SELECT").start();
    observation.event(Observation.Event.of("retried"));
    observation.event(Observation.Event.of("retried"));
    observation.stop();
    assertEquals(2.0, meters.get("db.client.operation.retried").counter().count());
  }

  private Timer callTimer(String method, String status, String error) {
    return meters.get("grpc.server").tags("rpc.method", method, "grpc.status_code", status, "error", error).timer();
  }

  /** A call's observation as CallObservationInterceptor makes it: Micrometer's context and convention. */
  private Observation call(String method) {
    GrpcServerObservationContext context = context(method);
    return GrpcObservationDocumentation.SERVER.observation(null, new DefaultGrpcServerObservationConvention(),
        () -> context, observations);
  }

  private static GrpcServerObservationContext context(String method) {
    GrpcServerObservationContext context = new GrpcServerObservationContext((carrier, key) -> null);
    context.setServiceName(SERVICE);
    context.setMethodName(method);
    context.setFullMethodName(SERVICE + "/" + method);
    context.setMethodType(MethodDescriptor.MethodType.UNARY);
    return context;
  }

  private static void stop(Observation call, Status.Code status) {
    ((GrpcServerObservationContext) call.getContext()).setStatusCode(status);
    call.stop();
  }

  /** A store call's observation as the bindings make it: a new StoreCall each time, equal per operation. */
  private Observation statement(String operation) {
    return new StoreCall("db.client.operation", operation + " app",
        KeyValues.of("db.system.name", "postgresql", "db.operation.name", operation)).observation(observations);
  }
}
