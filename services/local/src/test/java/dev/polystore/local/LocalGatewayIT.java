package dev.polystore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.BadRequest;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.accounts.v1.User;
import dev.polystore.gateway.Gateway;
import dev.polystore.gateway.GatewayClient;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway as a user starts it locally: no store settings, so local mode starts devstack's stores, and
 * every service is served through Spring gRPC with the platform's interceptors, health and
 * reflection.
 */
class LocalGatewayIT {
  private static final String ACCOUNTS = "polystore.accounts.v1.AccountsService";
  private static Gateway gateway;
  private static GatewayClient client;

  @BeforeAll
  static void start() throws InterruptedException {
    gateway = Gateway.start(LocalStores.complete(Map.of()), "--spring.grpc.server.port=0", "--server.port=0");
    // Local mode made an admin token and keeps it where README's examples read it.
    client = new GatewayClient(gateway.port(), LocalAdminToken.read());
    assertEquals(ServingStatus.SERVING, client.awaitServing(ACCOUNTS, Duration.ofSeconds(60)));
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
  }

  @Test
  void servesAccountsThroughTheGateway() {
    var accounts = AccountsServiceGrpc.newBlockingStub(client.channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    String email = "ada+" + UUID.randomUUID() + "@example.com";
    User created = accounts.createUser(CreateUserRequest.newBuilder()
        .setEmail(email).setDisplayName("Ada").build()).getUser();
    User read = accounts.withDeadlineAfter(5, TimeUnit.SECONDS)
        .getUser(GetUserRequest.newBuilder().setUserId(created.getUserId()).build()).getUser();
    assertEquals(email, read.getEmail());
  }

  @Test
  void refusesACallWithoutTheToken() {
    ManagedChannel anonymous = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
    try {
      var accounts = AccountsServiceGrpc.newBlockingStub(anonymous).withDeadlineAfter(5, TimeUnit.SECONDS);
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> accounts.getUser(GetUserRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build()));
      assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    } finally {
      anonymous.shutdownNow();
    }
  }

  @Test
  void rejectsBadInputWithTheFieldNamed() {
    var accounts = AccountsServiceGrpc.newBlockingStub(client.channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> accounts.createUser(
        CreateUserRequest.newBuilder().setEmail("not-an-email").setDisplayName("Ada").build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    BadRequest badRequest = BadRequest.getDefaultInstance();
    for (var detail : StatusProto.fromThrowable(e).getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        badRequest = unpack(detail);
      }
    }
    assertEquals("email", badRequest.getFieldViolations(0).getField());
  }

  @Test
  void offersReflectionSoGrpcurlCanCallIt() throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    var requests = ServerReflectionGrpc.newStub(client.channel).serverReflectionInfo(new StreamObserver<>() {
      @Override public void onNext(ServerReflectionResponse value) { answer.complete(value); }
      @Override public void onError(Throwable t) { answer.completeExceptionally(t); }
      @Override public void onCompleted() { }
    });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    var services = answer.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList();
    requests.onCompleted();
    assertTrue(services.stream().anyMatch(s -> s.getName().equals(ACCOUNTS)), "reflection lists " + ACCOUNTS);
  }

  private static BadRequest unpack(com.google.protobuf.Any detail) {
    try {
      return detail.unpack(BadRequest.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
