package dev.polystore.platform.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A server call that can be closed from two threads (the handler and the deadline guard): the first
 * close wins, later messages and closes are dropped instead of failing with IllegalStateException.
 * It also knows whether the handler started, so that the guard can tell the caller honestly whether
 * the request may have reached the store.
 */
final class SingleCloseServerCall<ReqT, RespT>
    extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
  private boolean closed;
  private boolean handlerStarted;

  SingleCloseServerCall(ServerCall<ReqT, RespT> delegate) {
    super(delegate);
  }

  @Override
  public synchronized void sendHeaders(Metadata headers) {
    if (!closed) {
      super.sendHeaders(headers);
    }
  }

  @Override
  public synchronized void sendMessage(RespT message) {
    if (!closed) {
      super.sendMessage(message);
    }
  }

  @Override
  public synchronized void close(Status status, Metadata trailers) {
    if (!closed) {
      closed = true;
      super.close(status, trailers);
    }
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /** Called just before the handler runs; false (and the handler must not run) once the call is closed. */
  synchronized boolean tryStartHandler() {
    if (closed) {
      return false;
    }
    handlerStarted = true;
    return true;
  }

  synchronized boolean handlerStarted() {
    return handlerStarted;
  }
}
