package dev.polystore.platform.grpc;

import com.google.common.util.concurrent.RateLimiter;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes that do not parse as the request type (bad UTF-8, truncated, nested too deep, tag 0) get
 * {@code INVALID_ARGUMENT}. grpc-java closes a call whose request fails to parse with UNKNOWN and
 * logs a stack trace per request, so parsing failures are caught in the request marshaller, which
 * hands on a marker message instead; this interceptor answers the marker. The log gets one line,
 * at most one a second: a flood of garbage must not become a flood of log.
 */
final class MalformedRequests implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(MalformedRequests.class);

  /** One marker per method, told apart by identity from every message a client can send. */
  private final Set<Object> markers = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private final RateLimiter logLines = RateLimiter.create(1.0);

  /** {@code service} with request marshallers that never throw on malformed bytes. */
  ServerServiceDefinition tolerant(ServerServiceDefinition service) {
    ServiceDescriptor descriptor = service.getServiceDescriptor();
    ServiceDescriptor.Builder tolerantDescriptor = ServiceDescriptor.newBuilder(descriptor.getName())
        .setSchemaDescriptor(descriptor.getSchemaDescriptor());
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<?, ?> tolerantMethod = tolerant(method);
      methods.add(tolerantMethod);
      tolerantDescriptor.addMethod(tolerantMethod.getMethodDescriptor());
    }
    ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(tolerantDescriptor.build());
    methods.forEach(builder::addMethod);
    return builder.build();
  }

  private <ReqT, RespT> ServerMethodDefinition<ReqT, RespT> tolerant(ServerMethodDefinition<ReqT, RespT> method) {
    MethodDescriptor<ReqT, RespT> descriptor = method.getMethodDescriptor();
    if (!(descriptor.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<ReqT> strict)
        || !(strict.getMessagePrototype() instanceof Message prototype)) {
      return method;
    }
    @SuppressWarnings("unchecked")
    ReqT marker = (ReqT) prototype.newBuilderForType().buildPartial();
    markers.add(marker);
    MethodDescriptor.Marshaller<ReqT> lenient = new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(ReqT value) {
        return strict.stream(value);
      }

      @Override
      public ReqT parse(InputStream stream) {
        try {
          return strict.parse(stream);
        } catch (RuntimeException e) {
          if (logLines.tryAcquire()) {
            log.warn("malformed request to {}: {}", descriptor.getFullMethodName(), Status.fromThrowable(e).getDescription());
          }
          return marker;
        }
      }
    };
    return ServerMethodDefinition.create(descriptor.toBuilder().setRequestMarshaller(lenient).build(),
        method.getServerCallHandler());
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      private boolean rejected;

      @Override
      public void onMessage(ReqT message) {
        if (markers.contains(message)) {
          rejected = true;
          call.close(Status.INVALID_ARGUMENT.withDescription("malformed request: the bytes are not a valid "
              + call.getMethodDescriptor().getFullMethodName() + " request message"), new Metadata());
          return;
        }
        if (!rejected) {
          super.onMessage(message);
        }
      }

      @Override
      public void onHalfClose() {
        if (!rejected) {
          super.onHalfClose();
        }
      }
    };
  }
}
