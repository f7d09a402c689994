package dev.polystore.fuzz;

import dev.polystore.platform.testing.RawBytes;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A call of a method by its full name with the request as raw bytes, so that bytes no message
 * builder would produce reach the server. Unary and server-streaming alike: one request, then
 * whatever comes back until the status.
 */
final class RawCall {
  /** How a call ended: its status, the bytes of its error (status message and trailers), responses seen. */
  record Outcome(Status status, int errorBytes, int responses) {}

  private RawCall() {}

  static CompletableFuture<Outcome> start(Channel channel, String fullMethodName, boolean serverStreaming,
      byte[] request, long deadlineMillis) {
    MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(serverStreaming ? MethodDescriptor.MethodType.SERVER_STREAMING : MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullMethodName)
        .setRequestMarshaller(RawBytes.MARSHALLER)
        .setResponseMarshaller(RawBytes.MARSHALLER)
        .build();
    ClientCall<byte[], byte[]> call = channel.newCall(method,
        CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS));
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    call.start(new ClientCall.Listener<>() {
      private int responses;

      @Override
      public void onMessage(byte[] message) {
        responses++;
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        outcome.complete(new Outcome(status, status.isOk() ? 0 : errorBytes(status, trailers), responses));
      }
    }, new Metadata());
    call.request(Integer.MAX_VALUE);
    call.sendMessage(request);
    call.halfClose();
    return outcome;
  }

  /** The size of what an error carries: its description and every trailer, keys and values. */
  static int errorBytes(Status status, Metadata trailers) {
    int bytes = status.getDescription() == null ? 0 : status.getDescription().getBytes(StandardCharsets.UTF_8).length;
    for (String key : trailers.keys()) {
      bytes += key.length();
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (byte[] value : trailers.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
          bytes += value.length;
        }
      } else {
        for (String value : trailers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
          bytes += value.length();
        }
      }
    }
    return bytes;
  }
}
