package dev.polystore.platform.grpc;

import dev.polystore.platform.auth.Authentication;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.StringValue;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each service's calls run on a pool of its own behind the deadline guard, served by the real
 * server ({@link GrpcServer}: Netty on loopback, direct executor). A handler that blocks stands for
 * a store that hangs: one handler thread and room for one waiting call per service.
 */
class HandlerPoolInterceptorTest {
  private static final String HANG = "hang";
  private static final String LINGER = "linger";

  private final CountDownLatch storeBack = new CountDownLatch(1);
  private final AtomicInteger slowHandlerRuns = new AtomicInteger();
  private final AtomicReference<String> inlineThread = new AtomicReference<>("");
  private final AtomicReference<String> handlerThread = new AtomicReference<>("");
  /** What a Closing call's close handler saw: had the handler returned, and did the call's deadline hold. */
  private final CompletableFuture<List<Boolean>> closeSaw = new CompletableFuture<>();
  private GrpcPlatform platform;
  private GrpcServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    platform = new GrpcPlatform(List.of(), new HandlerConfig(1, 1), Authentication.off());
    server = GrpcServer.start("127.0.0.1", 0, platform, List.of(service("test.Slow", true), service("test.Fast", false)));
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    storeBack.countDown();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void aCallQueuedBehindAHungHandlerGetsUnavailableBeforeItsDeadlineAndNeverRuns() throws Exception {
    Future<StringValue> hung = callAsync("test.Slow", HANG, Duration.ofSeconds(30));
    awaitRuns(1);

    // The guard's answer, not the caller's own DEADLINE_EXCEEDED nor the admission's "overloaded".
    StatusRuntimeException queued = assertThrows(StatusRuntimeException.class,
        () -> call("test.Slow", "queued", Duration.ofSeconds(3)));
    assertEquals(Status.Code.UNAVAILABLE, queued.getStatus().getCode(), queued::toString);
    assertTrue(queued.getStatus().getDescription().contains("could not reach its store in time; the request was not run"),
        queued::toString);

    storeBack.countDown();
    assertEquals(HANG, hung.get(10, TimeUnit.SECONDS).getValue());
    // The answered call's callbacks still hold its place in the queue until the freed thread takes
    // them: with room for one waiting call, a call sent before that would be refused as overloaded.
    awaitQueued(0);
    // Its turn came after the guard had answered it: it was dropped, not run against the store.
    assertEquals("again", call("test.Slow", "again", Duration.ofSeconds(5)).getValue());
    assertEquals(2, slowHandlerRuns.get());
  }

  @Test
  void anotherServiceAnswersWhileOneServiceIsStuck() throws Exception {
    callAsync("test.Slow", HANG, Duration.ofSeconds(30));
    awaitRuns(1);

    assertEquals("fast", call("test.Fast", "fast", Duration.ofSeconds(10)).getValue());
  }

  @Test
  void aCallBeyondTheQueueIsRefusedAtOnceAndTheServiceRecovers() throws Exception {
    Future<StringValue> hung = callAsync("test.Slow", HANG, Duration.ofSeconds(30));
    awaitRuns(1);
    Future<StringValue> waiting = callAsync("test.Slow", "waiting", Duration.ofSeconds(30));
    awaitQueued(1);

    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
        () -> call("test.Slow", "refused", Duration.ofSeconds(30)));
    assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
    assertTrue(refused.getStatus().getDescription().contains("overloaded"), refused.getStatus().getDescription());

    storeBack.countDown();
    assertEquals(HANG, hung.get(10, TimeUnit.SECONDS).getValue());
    assertEquals("waiting", waiting.get(10, TimeUnit.SECONDS).getValue());
    awaitQueued(0); // the waiting call's last callback may still be queued, as above
    assertEquals("after", call("test.Slow", "after", Duration.ofSeconds(5)).getValue());
  }

  @Test
  void aNonBlockingMethodIsAnsweredOnTheTransportThreadWhileThePoolIsFull() throws Exception {
    Future<StringValue> hung = callAsync("test.Slow", HANG, Duration.ofSeconds(30));
    awaitRuns(1);
    Future<StringValue> waiting = callAsync("test.Slow", "waiting", Duration.ofSeconds(30));
    awaitQueued(1);

    // Neither queued behind the hung call nor refused by admission: it never enters the pool.
    StringValue answer = ClientCalls.blockingUnaryCall(channel, method("test.Slow", "Inline"),
        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), StringValue.of("inline"));
    assertEquals("inline", answer.getValue());
    assertFalse(inlineThread.get().contains("-handler-"), inlineThread.get());

    storeBack.countDown();
    assertEquals(HANG, hung.get(10, TimeUnit.SECONDS).getValue());
    assertEquals("waiting", waiting.get(10, TimeUnit.SECONDS).getValue());
    assertTrue(handlerThread.get().startsWith("test.Slow-handler-"), handlerThread.get());
  }

  @Test
  void aUnaryCallsCloseHandlerRunsAfterItsHandlerReturnsInTheCallsContext() throws Exception {
    // The handler lingers after answering, so the answer is sent, and onComplete arrives, while it
    // still runs: onComplete must wait for it rather than run in place beside it.
    assertEquals(LINGER, closing(LINGER).getValue());
    assertEquals(List.of(true, true), closeSaw.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aUnaryCallsCloseHandlerRunsInTheCallsContextWhenTheHandlerIsDone() throws Exception {
    assertEquals("quick", closing("quick").getValue());
    assertEquals(List.of(true, true), closeSaw.get(10, TimeUnit.SECONDS));
  }

  private StringValue closing(String value) {
    return ClientCalls.blockingUnaryCall(channel, method("test.Fast", "Closing"),
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), StringValue.of(value));
  }

  /**
   * An echo service whose handler, if {@code slow}, blocks on "hang" until the store is back; its
   * Inline method is declared non-blocking and records the thread it ran on.
   */
  private BindableService service(String name, boolean slow) {
    ServerServiceDefinition definition = ServerServiceDefinition.builder(name)
        .addMethod(method(name, "Inline"), ServerCalls.asyncUnaryCall((request, response) -> {
          inlineThread.set(Thread.currentThread().getName());
          response.onNext(request);
          response.onCompleted();
        }))
        .addMethod(method(name, "Closing"), ServerCalls.asyncUnaryCall((request, response) -> {
          AtomicBoolean returned = new AtomicBoolean();
          ((ServerCallStreamObserver<StringValue>) response).setOnCloseHandler(
              () -> closeSaw.complete(List.of(returned.get(), Context.current().getDeadline() != null)));
          response.onNext(request);
          response.onCompleted();
          if (request.getValue().equals(LINGER)) {
            sleep(Duration.ofMillis(300));
          }
          returned.set(true);
        }))
        .addMethod(echo(name), ServerCalls.asyncUnaryCall((request, response) -> {
          if (slow) {
            slowHandlerRuns.incrementAndGet();
            handlerThread.set(Thread.currentThread().getName());
          }
          if (slow && request.getValue().equals(HANG)) {
            awaitStore();
          }
          response.onNext(request);
          response.onCompleted();
        }))
        .build();
    return new Declared(definition); // GrpcServer wraps it in the platform's interceptors
  }

  private record Declared(ServerServiceDefinition definition) implements BindableService, NonBlockingMethods {
    @Override
    public ServerServiceDefinition bindService() {
      return definition;
    }

    @Override
    public Set<String> nonBlockingMethods() {
      return Set.of(MethodDescriptor.generateFullMethodName(definition.getServiceDescriptor().getName(), "Inline"));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitStore() {
    try {
      storeBack.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static MethodDescriptor<StringValue, StringValue> echo(String service) {
    return method(service, "Echo");
  }

  private static MethodDescriptor<StringValue, StringValue> method(String service, String name) {
    return MethodDescriptor.<StringValue, StringValue>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(service, name))
        .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
        .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
        .build();
  }

  private StringValue call(String service, String value, Duration deadline) {
    return ClientCalls.blockingUnaryCall(channel, echo(service),
        CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS), StringValue.of(value));
  }

  private Future<StringValue> callAsync(String service, String value, Duration deadline) {
    return ClientCalls.futureUnaryCall(channel.newCall(echo(service),
        CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)), StringValue.of(value));
  }

  private void awaitRuns(int runs) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (slowHandlerRuns.get() < runs && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertEquals(runs, slowHandlerRuns.get(), "slow handler runs");
  }

  /** Until the slow service's pool has {@code calls} waiting (at 1 the next call finds the queue full). */
  private void awaitQueued(int calls) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (platform.pool("test.Slow").queued() != calls && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertEquals(calls, platform.pool("test.Slow").queued(), "calls waiting");
  }
}
