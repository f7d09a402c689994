package dev.polystore.accounts;

import static dev.polystore.platform.testing.StatusAssertions.assertCutOff;
import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static dev.polystore.platform.testing.StatusAssertions.awaitAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateApiKeyRequest;
import dev.polystore.accounts.v1.CreateApiKeyResponse;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.User;
import dev.polystore.accounts.v1.VerifyApiKeyRequest;
import dev.polystore.accounts.v1.Workspace;
import dev.polystore.platform.testing.BadRequestCases;
import dev.polystore.platform.testing.Concurrently;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retried creates leave exactly one record: CreateApiKey with a request_id (and the same secret on
 * every answer), CreateWorkspace by its slug; concurrently, and after the database came back.
 */
class AccountsIdempotencyIT {
  private static AccountsServer server;
  private static User owner;
  private static Workspace workspace;

  @BeforeAll
  static void start() throws InterruptedException {
    server = AccountsServer.startServing();
    owner = server.accounts().createUser(CreateUserRequest.newBuilder()
        .setEmail("idem." + UUID.randomUUID() + "@example.com").setDisplayName("Idem").build()).getUser();
    workspace = createWorkspace(workspaceRequest("idem-" + unique()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aRetriedApiKeyCreateReturnsTheFirstKeyAndSecret() throws Exception {
    CreateApiKeyRequest request = keyRequest("retried");

    CreateApiKeyResponse first = server.accounts().createApiKey(request);
    CreateApiKeyResponse retry = server.accounts().createApiKey(request);

    assertEquals(first, retry);
    assertEquals(1, count("api_keys", "name", "retried"));
    assertEquals(first.getApiKey().getApiKeyId(), server.accounts().verifyApiKey(VerifyApiKeyRequest.newBuilder()
        .setSecret(retry.getSecret()).build()).getApiKeyId());
  }

  @Test
  void theSecretIsNotStoredAndTheRequestIdNeither() throws Exception {
    CreateApiKeyRequest request = keyRequest("sealed");
    String secret = server.accounts().createApiKey(request).getSecret();

    try (Connection connection = server.connect(); PreparedStatement dump = connection.prepareStatement(
        "SELECT t::text FROM create_requests t UNION ALL SELECT encode(sealed_result, 'escape') FROM create_requests")) {
      try (ResultSet rows = dump.executeQuery()) {
        while (rows.next()) {
          String row = rows.getString(1);
          assertFalse(row.contains(secret.substring(4)), row);
          assertFalse(row.contains(request.getRequestId()), row);
        }
      }
    }
  }

  @Test
  void concurrentApiKeyCreatesWithOneRequestIdLeaveOneKey() throws Exception {
    CreateApiKeyRequest request = keyRequest("raced");

    List<Concurrently.Outcome<CreateApiKeyResponse>> outcomes =
        Concurrently.run(10, i -> server.accounts().createApiKey(request));

    assertEquals(List.of(Status.Code.OK), outcomes.stream().map(Concurrently.Outcome::code).distinct().toList());
    assertEquals(1, outcomes.stream().map(Concurrently.Outcome::answer).distinct().count());
    assertEquals(1, count("api_keys", "name", "raced"));
  }

  @Test
  void anotherRequestIdCreatesAnotherKey() throws Exception {
    CreateApiKeyResponse one = server.accounts().createApiKey(keyRequest("twice"));
    CreateApiKeyResponse two = server.accounts().createApiKey(keyRequest("twice"));

    assertNotEquals(one.getApiKey().getApiKeyId(), two.getApiKey().getApiKeyId());
    assertNotEquals(one.getSecret(), two.getSecret());
    assertEquals(2, count("api_keys", "name", "twice"));
  }

  @Test
  void aReusedRequestIdWithOtherFieldsOrNoUuidIsInvalid() throws Exception {
    CreateApiKeyRequest request = keyRequest("reused");
    server.accounts().createApiKey(request);

    for (CreateApiKeyRequest bad : List.of(request.toBuilder().setName("another name").build(),
        request.toBuilder().clearScopes().addScopes("messenger:read").build(),
        request.toBuilder().setUserId(owner.getUserId()).build(),
        keyRequest("not a uuid").toBuilder().setRequestId("not-a-uuid").build())) {
      StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT, () -> server.accounts().createApiKey(bad));
      assertEquals(List.of("request_id"), BadRequestCases.violatedFields(e));
    }
    assertEquals(1, count("api_keys", "name", "reused"));
    assertEquals(0, count("api_keys", "name", "another name"));
  }

  @Test
  void aRetriedWorkspaceCreateReturnsTheFirstWorkspace() throws Exception {
    CreateWorkspaceRequest request = workspaceRequest("retry-" + unique());

    Workspace first = createWorkspace(request);

    assertEquals(first, createWorkspace(request));
    assertEquals(1, count("workspaces", "slug", request.getSlug()));
    assertEquals(1, count("memberships", "workspace_id::text", first.getWorkspaceId()));
  }

  @Test
  void concurrentWorkspaceCreatesOfOneSlugLeaveOneWorkspace() throws Exception {
    CreateWorkspaceRequest request = workspaceRequest("race-" + unique());

    List<Concurrently.Outcome<Workspace>> outcomes = Concurrently.run(10, i -> createWorkspace(request));

    assertEquals(List.of(Status.Code.OK), outcomes.stream().map(Concurrently.Outcome::code).distinct().toList());
    assertEquals(1, outcomes.stream().map(Concurrently.Outcome::answer).distinct().count());
    assertEquals(1, count("workspaces", "slug", request.getSlug()));
  }

  @Test
  void retriesAfterTheDatabaseCameBackLeaveOneRecordEach() throws Exception {
    CreateApiKeyRequest key = keyRequest("outage");
    CreateWorkspaceRequest space = workspaceRequest("outage-" + unique());
    // A deadline per call: one stub's deadline runs from when the stub was made, so a second call
    // after the first used it up would fail in the client before reaching the server.
    java.util.function.Supplier<AccountsServiceGrpc.AccountsServiceBlockingStub> shortDeadline =
        () -> AccountsServiceGrpc.newBlockingStub(server.channel).withDeadlineAfter(2, TimeUnit.SECONDS);
    try {
      server.postgres.stop();
      assertCutOff(() -> shortDeadline.get().createApiKey(key));
      assertStatus(Status.Code.UNAVAILABLE, () -> shortDeadline.get().createWorkspace(space));
    } finally {
      server.postgres.start();
    }

    CreateApiKeyResponse first = awaitAnswer(() -> server.accounts().createApiKey(key), Duration.ofSeconds(60));
    assertEquals(first, server.accounts().createApiKey(key));
    assertEquals(createWorkspace(space), createWorkspace(space));
    assertEquals(1, count("api_keys", "name", "outage"));
    assertEquals(1, count("workspaces", "slug", space.getSlug()));
    assertTrue(first.getSecret().startsWith("psk_"));
  }

  private static CreateApiKeyRequest keyRequest(String name) {
    return CreateApiKeyRequest.newBuilder()
        .setWorkspaceId(workspace.getWorkspaceId())
        .setName(name)
        .addScopes("files:read")
        .addScopes("files:write")
        .setRequestId(UUID.randomUUID().toString())
        .build();
  }

  private static CreateWorkspaceRequest workspaceRequest(String slug) {
    return CreateWorkspaceRequest.newBuilder().setSlug(slug).setName("Idem").setOwnerUserId(owner.getUserId()).build();
  }

  private static Workspace createWorkspace(CreateWorkspaceRequest request) {
    return server.accounts().createWorkspace(request).getWorkspace();
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Rows of {@code table} in this test's workspace (or anywhere, for workspaces) whose column is the value. */
  private static long count(String table, String column, String value) throws Exception {
    String scope = table.equals("api_keys") ? " AND workspace_id = '" + workspace.getWorkspaceId() + "'" : "";
    try (Connection connection = server.connect(); PreparedStatement count = connection.prepareStatement(
        "SELECT count(*) FROM " + table + " WHERE " + column + " = ?" + scope)) {
      count.setString(1, value);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
