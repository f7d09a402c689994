package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Durations;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateApiKeyRequest;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.devstack.Devstack;
import dev.polystore.platform.auth.AuthSettings;
import dev.polystore.platform.auth.TokenDigest;
import dev.polystore.platform.testing.TestCredentials;
import dev.polystore.presence.v1.CheckRateLimitRequest;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A gateway that hosts presence only verifies workspace API keys by asking the accounts service
 * (POLYSTORE_ACCOUNTS_TARGET) with its own service token: services never read each other's
 * databases. A key is then confined as in one process; with accounts gone, an unverified key is
 * UNAVAILABLE (retry), not UNAUTHENTICATED.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRemoteKeysIT {
  private static final String PRESENCE = "polystore.presence.v1.PresenceService";
  private static final String GATEWAY_TOKEN = "presence-gateway-" + UUID.randomUUID();

  private static Gateway accounts;
  private static Gateway presence;
  private static String workspace;
  private static String otherWorkspace;
  private static String key;
  private static String unusedKey;

  @BeforeAll
  static void start() throws InterruptedException {
    Map<String, String> accountsEnv = new HashMap<>(GatewayClient.withAdmin(Map.of(
        "POSTGRES_WRITER_CONN", Devstack.postgres().connectionUrl(), "VALKEY_URL", Devstack.valkey().url(),
        "POLYSTORE_SERVICES", "accounts")));
    accountsEnv.put(AuthSettings.SERVICE_TOKENS, "presence-gateway " + TokenDigest.of(GATEWAY_TOKEN) + " keys:verify");
    accounts = Gateway.start(accountsEnv, "--spring.grpc.server.port=0", "--server.port=0");

    Map<String, String> presenceEnv = new HashMap<>(GatewayClient.withAdmin(Devstack.valkey().env()));
    presenceEnv.put("POLYSTORE_SERVICES", "presence");
    presenceEnv.put(AccountsEndpoint.TARGET, "127.0.0.1:" + accounts.port());
    presenceEnv.put(AccountsEndpoint.TOKEN, GATEWAY_TOKEN);
    presence = Gateway.start(presenceEnv, "--spring.grpc.server.port=0", "--server.port=0");

    try (GatewayClient admin = new GatewayClient(accounts.port()); GatewayClient presenceAdmin = new GatewayClient(presence.port())) {
      assertEquals(ServingStatus.SERVING, admin.awaitServing("polystore.accounts.v1.AccountsService", Duration.ofSeconds(60)));
      assertEquals(ServingStatus.SERVING, presenceAdmin.awaitServing(PRESENCE, Duration.ofSeconds(60)));
      var stub = AccountsServiceGrpc.newBlockingStub(admin.channel).withDeadlineAfter(10, TimeUnit.SECONDS);
      String owner = stub.createUser(CreateUserRequest.newBuilder()
          .setEmail("remote-" + UUID.randomUUID() + "@example.com").setDisplayName("Owner").build()).getUser().getUserId();
      workspace = workspace(stub, owner);
      otherWorkspace = workspace(stub, owner);
      key = key(stub, workspace);
      unusedKey = key(stub, workspace);
    }
  }

  @AfterAll
  static void stop() {
    if (presence != null) {
      presence.close();
    }
    if (accounts != null) {
      accounts.close();
    }
  }

  @Test
  @Order(1)
  void aKeyIsVerifiedByTheAccountsServiceAndConfinedToItsWorkspace() {
    assertTrue(checkRateLimit(key, workspace).getAllowed());
    assertEquals(Status.Code.PERMISSION_DENIED, refusal(key, otherWorkspace));
    assertEquals(Status.Code.UNAUTHENTICATED, refusal("psk_" + "x".repeat(40), workspace));
  }

  @Test
  @Order(2)
  void withAccountsGoneAnUnverifiedKeyIsUnavailableNotUnauthenticated() {
    // Runs last: it stops the accounts gateway for good.
    accounts.close();
    accounts = null;
    assertEquals(Status.Code.UNAVAILABLE, refusal(unusedKey, workspace));
  }

  private static Status.Code refusal(String secret, String workspaceId) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> checkRateLimit(secret, workspaceId));
    return e.getStatus().getCode();
  }

  private static dev.polystore.presence.v1.CheckRateLimitResponse checkRateLimit(String secret, String workspaceId) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", presence.port()).usePlaintext()
        .intercept(TestCredentials.bearer(secret)).build();
    try {
      return PresenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .checkRateLimit(CheckRateLimitRequest.newBuilder().setWorkspaceId(workspaceId).setKey("remote-keys")
              .setLimit(1000).setWindow(Durations.fromSeconds(60)).setCost(1).build());
    } finally {
      channel.shutdownNow();
    }
  }

  private static String workspace(AccountsServiceGrpc.AccountsServiceBlockingStub stub, String owner) {
    String slug = "remote-" + UUID.randomUUID().toString().substring(0, 8);
    return stub.createWorkspace(CreateWorkspaceRequest.newBuilder().setSlug(slug).setName(slug)
        .setOwnerUserId(owner).build()).getWorkspace().getWorkspaceId();
  }

  private static String key(AccountsServiceGrpc.AccountsServiceBlockingStub stub, String workspaceId) {
    return stub.createApiKey(CreateApiKeyRequest.newBuilder().setWorkspaceId(workspaceId).setName("presence")
        .addScopes("ratelimit:write").build()).getSecret();
  }
}
