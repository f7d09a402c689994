package dev.polystore.platform.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.binder.grpc.DefaultGrpcServerObservationConvention;
import io.micrometer.core.instrument.binder.grpc.GrpcObservationDocumentation;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One observation per call: Micrometer's gRPC server context and convention (so the same meter
 * names, tags and span as its {@code ObservationGrpcServerInterceptor}), started as the call
 * arrives, given the status the call closed with, stopped when the call completes or is cancelled.
 *
 * <p>Why not Micrometer's interceptor itself: per call it also sends an observation event for every
 * message and callback (each one a counter looked up by tags and a span event), copies the headers
 * and trailers, parses the authority as a URI and opens a scope around every callback, which the
 * handler pool opens again on its own threads. Measured with ObservabilityBench, that was most of what
 * telemetry cost a call (docs/benchmarks.md, observability); none of it is read by our metrics,
 * traces or access log.
 */
final class CallObservationInterceptor implements ServerInterceptor {
  private static final DefaultGrpcServerObservationConvention CONVENTION = new DefaultGrpcServerObservationConvention();
  /** The propagation headers (traceparent, tracestate, ...) as metadata keys, made once each. */
  private static final Map<String, Metadata.Key<String>> KEYS = new ConcurrentHashMap<>();

  private final ObservationRegistry registry;

  CallObservationInterceptor(ObservationRegistry registry) {
    this.registry = registry;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    GrpcServerObservationContext context = new GrpcServerObservationContext((carrier, name) ->
        carrier.get(KEYS.computeIfAbsent(name, key -> Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))));
    context.setCarrier(headers);
    MethodDescriptor<ReqT, RespT> method = call.getMethodDescriptor();
    context.setServiceName(method.getServiceName());
    context.setMethodName(method.getBareMethodName());
    context.setFullMethodName(method.getFullMethodName());
    context.setMethodType(method.getType());
    Observation observation = GrpcObservationDocumentation.SERVER
        .observation(null, CONVENTION, () -> context, registry).start();
    if (observation.isNoop()) {
      return next.startCall(call, headers);
    }
    ServerCall.Listener<ReqT> listener;
    // Current while the rest of the chain starts the call: the handler pool takes it from here to
    // its own threads, where the store calls are made (their spans are this one's children).
    try (Observation.Scope scope = observation.openScope()) {
      listener = next.startCall(new StatusRecording<>(call, observation, context), headers);
    } catch (RuntimeException | Error e) {
      observation.error(e).stop();
      throw e;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onComplete() {
        try {
          super.onComplete();
        } finally {
          observation.stop();
        }
      }

      @Override
      public void onCancel() {
        context.setCancelled(true);
        try {
          super.onCancel();
        } finally {
          observation.stop();
        }
      }
    };
  }

  /** Gives the observation the status the call is answered with, whoever answers it. */
  private static final class StatusRecording<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
    private final Observation observation;
    private final GrpcServerObservationContext context;

    StatusRecording(ServerCall<ReqT, RespT> call, Observation observation, GrpcServerObservationContext context) {
      super(call);
      this.observation = observation;
      this.context = context;
    }

    @Override
    public void close(Status status, Metadata trailers) {
      if (status.getCause() != null) {
        observation.error(status.getCause());
      }
      context.setStatusCode(status.getCode());
      super.close(status, trailers);
    }
  }
}
