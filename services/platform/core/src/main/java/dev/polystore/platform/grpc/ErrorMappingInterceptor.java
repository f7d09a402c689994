package dev.polystore.platform.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

/**
 * Catches what a handler throws and closes the call with the status {@link ErrorMapper} gives, so
 * handlers can simply throw. Also maps failures a handler passes to {@code onError}.
 */
public final class ErrorMappingInterceptor implements ServerInterceptor {
  private final ErrorMapper mapper;

  public ErrorMappingInterceptor(ErrorMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    // Store failures of RPCs that are not safe to repeat must not be answered with a status that
    // invites an automatic retry unless the request surely did not run (ErrorMapper).
    boolean repeatable = call.getMethodDescriptor().isSafe() || call.getMethodDescriptor().isIdempotent();
    ServerCall<ReqT, RespT> mapping = new MappingServerCall<>(call, mapper, repeatable);
    ServerCall.Listener<ReqT> delegate;
    try {
      delegate = next.startCall(mapping, headers);
    } catch (RuntimeException e) {
      close(mapping, e, repeatable);
      return new ServerCall.Listener<>() {};
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(ReqT message) {
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          close(mapping, e, repeatable);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          close(mapping, e, repeatable);
        }
      }

      @Override
      public void onReady() {
        try {
          super.onReady();
        } catch (RuntimeException e) {
          close(mapping, e, repeatable);
        }
      }
    };
  }

  private <ReqT, RespT> void close(ServerCall<ReqT, RespT> call, RuntimeException failure, boolean repeatable) {
    StatusRuntimeException status = mapper.toStatus(failure, repeatable);
    Metadata trailers = status.getTrailers() == null ? new Metadata() : status.getTrailers();
    call.close(status.getStatus(), trailers);
  }

  /** Rewrites a close that carries a raw exception (from StreamObserver.onError) into a mapped status. */
  private static final class MappingServerCall<ReqT, RespT>
      extends io.grpc.ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
    private final ErrorMapper mapper;
    private final boolean repeatable;

    MappingServerCall(ServerCall<ReqT, RespT> delegate, ErrorMapper mapper, boolean repeatable) {
      super(delegate);
      this.mapper = mapper;
      this.repeatable = repeatable;
    }

    @Override
    public void close(io.grpc.Status status, Metadata trailers) {
      if (!status.isOk() && status.getCause() != null
          && !(status.getCause() instanceof StatusRuntimeException)) {
        StatusRuntimeException mapped = mapper.toStatus(status.getCause(), repeatable);
        Metadata merged = mapped.getTrailers() == null ? trailers : mapped.getTrailers();
        super.close(mapped.getStatus(), merged);
        return;
      }
      super.close(status, trailers);
    }
  }
}
