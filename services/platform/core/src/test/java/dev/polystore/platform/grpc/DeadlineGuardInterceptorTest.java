package dev.polystore.platform.grpc;

import dev.polystore.platform.auth.Authentication;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.StringValue;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard's answer to a call whose store hangs says honestly whether the request may have
 * reached the store. The handler stands for store code: it reports contact as a binding does, then
 * hangs as a frozen store would.
 */
class DeadlineGuardInterceptorTest {
  private static final MethodDescriptor<StringValue, StringValue> HANG = MethodDescriptor.<StringValue, StringValue>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("test.Store/Hang")
      .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
      .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
      .build();

  private final CountDownLatch storeBack = new CountDownLatch(1);
  private GrpcPlatform platform;
  private GrpcServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    platform = new GrpcPlatform(List.of(), new HandlerConfig(4, 10), Authentication.off());
    server = GrpcServer.start("127.0.0.1", 0, platform, List.of(store()));
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    storeBack.countDown();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void stillWaitingForAConnectionIsUnavailable() {
    assertEquals(Status.Code.UNAVAILABLE, hang("waiting"));
  }

  @Test
  void aRequestThatGotAConnectionIsDeadlineExceeded() {
    assertEquals(Status.Code.DEADLINE_EXCEEDED, hang("reached"));
  }

  @Test
  void aBindingThatSaysNothingIsTakenToHaveReachedItsStore() {
    assertEquals(Status.Code.DEADLINE_EXCEEDED, hang("silent"));
  }

  private Status.Code hang(String how) {
    // A deadline long enough that the guard, not the client, answers (it answers up to 250 ms early).
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(3, TimeUnit.SECONDS);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> ClientCalls.blockingUnaryCall(channel, HANG, options, StringValue.of(how)));
    assertTrue(e.getStatus().getDescription() != null && e.getStatus().getDescription().contains("test.Store"),
        "answered by the guard: " + e.getStatus());
    return e.getStatus().getCode();
  }

  private BindableService store() {
    ServerServiceDefinition definition = ServerServiceDefinition.builder("test.Store")
        .addMethod(HANG, ServerCalls.asyncUnaryCall((request, response) -> {
          switch (request.getValue()) {
            case "waiting" -> StoreContact.awaitingStore();
            case "reached" -> {
              StoreContact.awaitingStore();
              StoreContact.reached();
            }
            default -> { }
          }
          try {
            storeBack.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          response.onNext(request);
          response.onCompleted();
        }))
        .build();
    return () -> definition;
  }
}
