package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.devstack.Devstack;
import dev.polystore.platform.auth.AuthSettings;
import dev.polystore.platform.testing.TestCertificates.Issued;
import dev.polystore.platform.testing.TestCertificates;
import dev.polystore.platform.testing.TestCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and mutual TLS on the gateway port, with certificates made here: a client certificate from
 * the configured CA is a service principal with its configured scopes; one from another CA, or an
 * expired one, cannot connect; without a certificate a bearer credential still works.
 */
class GatewayTlsIT {
  private static final String ACCOUNTS = "polystore.accounts.v1.AccountsService";
  private static final String BILLING = "spiffe://polystore.test/billing";
  /** A refused handshake reaches the client as either, depending on which side notices first. */
  private static final Status.Code[] REFUSED_HANDSHAKE = {Status.Code.UNAVAILABLE, Status.Code.UNAUTHENTICATED};

  @TempDir
  static Path directory;
  private static Issued ca;
  private static Gateway gateway;
  private static Map<String, String> environment;

  @BeforeAll
  static void start() throws Exception {
    ca = TestCertificates.authority("polystore test CA");
    Path[] server = TestCertificates.leaf(ca, "127.0.0.1").writePem(directory, "server");
    Path caFile = ca.writePem(directory, "ca")[0];
    Map<String, String> env = new HashMap<>(GatewayClient.withAdmin(Map.of(
        "POSTGRES_WRITER_CONN", Devstack.postgres().connectionUrl(), "VALKEY_URL", Devstack.valkey().url(),
        "POLYSTORE_SERVICES", "accounts")));
    env.put(Transport.CERT, server[0].toString());
    env.put(Transport.KEY, server[1].toString());
    env.put(Transport.CLIENT_CA, caFile.toString());
    env.put(AuthSettings.MTLS_PRINCIPALS, "billing " + BILLING + " users:read");
    environment = env;
    gateway = Gateway.start(env, "--spring.grpc.server.port=0", "--server.port=0");
    ManagedChannel admin = channel(null, TestCredentials.ADMIN_TOKEN);
    try {
      var health = HealthGrpc.newBlockingStub(admin);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
        try {
          return health.withDeadlineAfter(2, TimeUnit.SECONDS).check(HealthCheckRequest.newBuilder()
              .setService(ACCOUNTS).build()).getStatus() == ServingStatus.SERVING;
        } catch (StatusRuntimeException e) {
          return false;
        }
      });
    } finally {
      admin.shutdownNow();
    }
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aClientCertificateOfTheCaIsItsServicePrincipal() {
    ManagedChannel billing = channel(TestCertificates.leaf(ca, BILLING), null);
    try {
      var accounts = AccountsServiceGrpc.newBlockingStub(billing).withDeadlineAfter(5, TimeUnit.SECONDS);
      // Authenticated and allowed (users:read): the call ran and found no such user.
      StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> accounts.getUser(
          GetUserRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build()));
      assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode(), missing.getStatus().toString());
      // Not allowed: the principal lacks users:write.
      StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, () -> accounts.createUser(
          CreateUserRequest.newBuilder().setEmail("mallory@example.com").setDisplayName("Mallory").build()));
      assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode(), denied.getStatus().toString());
    } finally {
      billing.shutdownNow();
    }
  }

  @Test
  void aCertificateOfTheCaThatNamesNoPrincipalIsUnauthenticated() {
    assertGetUser(channel(TestCertificates.leaf(ca, "spiffe://polystore.test/stranger"), null), Status.Code.UNAUTHENTICATED);
  }

  /*
   * A certificate the port cannot verify proves nothing. Client certificates are optional on the
   * port (bearer callers have none), so the TLS stack may either end the handshake (the call is
   * UNAVAILABLE) or carry on as if none was sent (UNAUTHENTICATED); either way the call never runs.
   */
  @Test
  void aCertificateOfAnotherCaProvesNothing() {
    Issued other = TestCertificates.authority("someone else's CA");
    assertGetUser(channel(TestCertificates.leaf(other, BILLING), null), REFUSED_HANDSHAKE);
  }

  @Test
  void anExpiredCertificateProvesNothing() {
    Issued expired = TestCertificates.leaf(ca, BILLING, Instant.now().minus(Duration.ofDays(2)),
        Instant.now().minus(Duration.ofDays(1)));
    assertGetUser(channel(expired, null), REFUSED_HANDSHAKE);
  }

  @Test
  void withoutACertificateABearerCredentialWorksAndNoneIsUnauthenticated() {
    assertGetUser(channel(null, TestCredentials.ADMIN_TOKEN), Status.Code.NOT_FOUND);
    assertGetUser(channel(null, null), Status.Code.UNAUTHENTICATED);
  }

  @Test
  void aPlaintextClientCannotTalkToTheTlsPort() {
    assertGetUser(ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext()
        .intercept(TestCredentials.bearer(TestCredentials.ADMIN_TOKEN)).build(), Status.Code.UNAVAILABLE);
  }

  @Test
  void reflectionIsOffUnlessAskedForAndHealthNeedsNoCredential() throws Exception {
    ManagedChannel anonymous = channel(null, null);
    try {
      assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(anonymous).withDeadlineAfter(5, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService(ACCOUNTS).build()).getStatus());
      java.util.concurrent.CompletableFuture<Status> outcome = new java.util.concurrent.CompletableFuture<>();
      var requests = ServerReflectionGrpc.newStub(anonymous).serverReflectionInfo(new StreamObserver<>() {
        @Override public void onNext(ServerReflectionResponse value) { outcome.complete(Status.OK); }
        @Override public void onError(Throwable t) { outcome.complete(Status.fromThrowable(t)); }
        @Override public void onCompleted() { outcome.complete(Status.OK); }
      });
      requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
      assertEquals(Status.Code.UNIMPLEMENTED, outcome.get(10, TimeUnit.SECONDS).getCode());
    } finally {
      anonymous.shutdownNow();
    }
  }

  @Test
  void theHealthCheckCommandSpeaksTls() {
    Map<String, String> env = new HashMap<>(environment);
    env.put(HealthCheck.PORT, Integer.toString(gateway.port()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = HealthCheck.run(new String[] {"--health-check", "--service", ACCOUNTS}, env, new PrintStream(out, true));
    assertEquals(0, code, out.toString());
  }

  /** Calls GetUser for an unknown id on {@code channel} (then closes it); the status is one of {@code expected}. */
  private static void assertGetUser(ManagedChannel channel, Status.Code... expected) {
    try {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> AccountsServiceGrpc
          .newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
          .getUser(GetUserRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build()));
      assertTrue(Set.of(expected).contains(e.getStatus().getCode()), e.getStatus().toString());
    } finally {
      channel.shutdownNow();
    }
  }

  /** A TLS channel trusting the test CA, with {@code client}'s certificate and {@code token} when given. */
  private static ManagedChannel channel(Issued client, String token) {
    try {
      SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(ca.certificate());
      if (client != null) {
        ssl.keyManager(client.keys().getPrivate(), client.certificate());
      }
      NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).sslContext(ssl.build());
      if (token != null) {
        builder.intercept(TestCredentials.bearer(token));
      }
      return builder.build();
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException(e);
    }
  }
}
