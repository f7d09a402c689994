package dev.polystore.platform.grpc;

import dev.polystore.platform.health.ServiceHealth;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Fails calls fast with UNAVAILABLE while their service is NOT_SERVING (migrations pending or the
 * store away), instead of letting every caller wait on a store that is known not to answer.
 */
public final class ReadinessInterceptor implements ServerInterceptor {
  private final ServiceHealth health;

  public ReadinessInterceptor(ServiceHealth health) {
    this.health = health;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String service = call.getMethodDescriptor().getServiceName();
    if (!health.isServing(service)) {
      call.close(Status.UNAVAILABLE.withDescription(service + " is not serving: its store is not ready; retry"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
