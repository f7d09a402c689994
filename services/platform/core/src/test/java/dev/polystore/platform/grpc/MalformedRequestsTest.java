package dev.polystore.platform.grpc;

import dev.polystore.platform.auth.Authentication;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.polystore.platform.testing.RawBytes;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw bytes that are not the request type, sent to a real server wrapped by the platform. */
class MalformedRequestsTest {
  private static final String METHOD = "test.Echo/Echo";
  private final AtomicInteger handled = new AtomicInteger();
  private GrpcPlatform platform;
  private GrpcServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    platform = new GrpcPlatform(List.of(), new HandlerConfig(2, 10), Authentication.off());
    server = GrpcServer.start("127.0.0.1", 0, platform, List.of(echo()));
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void everyKindOfGarbageIsInvalidArgumentAndNeverReachesTheHandler() {
    List<byte[]> garbage = List.of(
        new byte[] {0x00, 0x01},                          // field number 0
        new byte[] {0x0a, 0x05, 0x01},                    // length past the end
        new byte[] {0x0a, 0x03, 0x0a, 0x01, (byte) 0xff}, // a map key that is not UTF-8
        nestedDeeperThan(120));                          // past protobuf's recursion limit of 100
    for (byte[] bytes : garbage) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> send(bytes));
      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    }
    assertEquals(0, handled.get());
  }

  @Test
  void aValidRequestStillGoesThrough() {
    byte[] valid = Struct.newBuilder().putFields("k", Value.newBuilder().setStringValue("v").build()).build().toByteArray();
    assertArrayEquals(valid, send(valid));
    assertEquals(1, handled.get());
  }

  private byte[] send(byte[] request) {
    MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(METHOD)
        .setRequestMarshaller(RawBytes.MARSHALLER)
        .setResponseMarshaller(RawBytes.MARSHALLER)
        .build();
    return ClientCalls.blockingUnaryCall(channel, raw, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
  }

  /** Struct { fields { key: "k" value { struct_value { ... } } } }, {@code depth} times. */
  private static byte[] nestedDeeperThan(int depth) {
    Struct struct = Struct.getDefaultInstance();
    for (int i = 0; i < depth; i++) {
      struct = Struct.newBuilder().putFields("k", Value.newBuilder().setStructValue(struct).build()).build();
    }
    return struct.toByteArray();
  }

  private BindableService echo() {
    MethodDescriptor<Struct, Struct> method = MethodDescriptor.<Struct, Struct>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(METHOD)
        .setRequestMarshaller(ProtoUtils.marshaller(Struct.getDefaultInstance()))
        .setResponseMarshaller(ProtoUtils.marshaller(Struct.getDefaultInstance()))
        .build();
    ServerServiceDefinition definition = ServerServiceDefinition.builder("test.Echo")
        .addMethod(method, ServerCalls.asyncUnaryCall((request, response) -> {
          handled.incrementAndGet();
          response.onNext(request);
          response.onCompleted();
        }))
        .build();
    return () -> definition;
  }
}
