package dev.polystore.accounts;

import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.accounts.domain.VerifiedKey;
import dev.polystore.accounts.v1.AddMemberRequest;
import dev.polystore.accounts.v1.ApiKey;
import dev.polystore.accounts.v1.CreateApiKeyRequest;
import dev.polystore.accounts.v1.CreateApiKeyResponse;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.ListApiKeysRequest;
import dev.polystore.accounts.v1.RemoveMemberRequest;
import dev.polystore.accounts.v1.RevokeApiKeyRequest;
import dev.polystore.accounts.v1.Role;
import dev.polystore.accounts.v1.User;
import dev.polystore.accounts.v1.VerifyApiKeyRequest;
import dev.polystore.accounts.v1.VerifyApiKeyResponse;
import dev.polystore.accounts.v1.Workspace;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys are reached only through their own workspace, and a user-bound key acts as a member of it:
 * what callers see, and that a refused call changed no stored row.
 */
class AccountsTenancyIT {
  private static AccountsServer server;
  private static User owner;
  private static Workspace workspaceA;
  private static Workspace workspaceB;

  @BeforeAll
  static void start() throws InterruptedException {
    server = AccountsServer.startServing();
    owner = createUser("Owner");
    workspaceA = createWorkspace(owner);
    workspaceB = createWorkspace(owner);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void revokingAnotherWorkspacesKeyIsNotFoundLikeAnUnknownKeyAndLeavesItActive() throws Exception {
    CreateApiKeyResponse keyOfB = createKey(workspaceB, Optional.empty());
    String idOfB = keyOfB.getApiKey().getApiKeyId();
    String unknownId = UUID.randomUUID().toString();
    Map<String, String> before = server.tableContents();

    StatusRuntimeException other = assertStatus(Status.Code.NOT_FOUND, () -> revoke(workspaceA, idOfB));
    StatusRuntimeException unknown = assertStatus(Status.Code.NOT_FOUND, () -> revoke(workspaceA, unknownId));

    // The same answer but for the id the caller sent: nothing says the key exists elsewhere.
    assertEquals(unknown.getStatus().getDescription().replace(unknownId, "ID"),
        other.getStatus().getDescription().replace(idOfB, "ID"));
    assertEquals(before, server.tableContents());
    assertEquals(idOfB, verify(keyOfB.getSecret()).getApiKeyId());
    assertTrue(revoke(workspaceB, idOfB).hasRevokeTime());
  }

  @Test
  void aKeyForAUserWhoIsNotAMemberIsRefusedAndNothingIsStored() throws Exception {
    User memberOfBOnly = createUser("Elsewhere");
    addMember(workspaceB, memberOfBOnly);
    Map<String, String> before = server.tableContents();

    for (String userId : List.of(memberOfBOnly.getUserId(), UUID.randomUUID().toString())) {
      assertStatus(Status.Code.FAILED_PRECONDITION, () -> server.accounts().createApiKey(
          keyRequest(workspaceA, Optional.of(userId)).setRequestId(UUID.randomUUID().toString()).build()));
    }
    assertEquals(before, server.tableContents());
  }

  @Test
  void aUserBoundKeyCarriesItsUserIntoListsAndVerification() {
    User member = createUser("Member");
    addMember(workspaceA, member);

    CreateApiKeyResponse bound = createKey(workspaceA, Optional.of(member.getUserId()));
    CreateApiKeyResponse integration = createKey(workspaceA, Optional.empty());

    assertEquals(member.getUserId(), bound.getApiKey().getUserId());
    assertEquals("", integration.getApiKey().getUserId());
    ApiKey listed = server.accounts().listApiKeys(ListApiKeysRequest.newBuilder()
            .setWorkspaceId(workspaceA.getWorkspaceId()).setPageSize(100).build()).getApiKeysList().stream()
        .filter(key -> key.getApiKeyId().equals(bound.getApiKey().getApiKeyId())).findFirst().orElseThrow();
    assertEquals(member.getUserId(), listed.getUserId());
    VerifyApiKeyResponse verified = verify(bound.getSecret());
    assertEquals(member.getUserId(), verified.getUserId());
    assertEquals(workspaceA.getWorkspaceId(), verified.getWorkspaceId());
    assertEquals("", verify(integration.getSecret()).getUserId());
  }

  @Test
  void aRetryOfAUserBoundCreateReturnsTheFirstKeyAndAnotherUserIsAReusedRequestId() {
    User member = createUser("Retrier");
    addMember(workspaceA, member);
    CreateApiKeyRequest request = keyRequest(workspaceA, Optional.of(member.getUserId()))
        .setRequestId(UUID.randomUUID().toString()).build();

    CreateApiKeyResponse first = server.accounts().createApiKey(request);

    assertEquals(first, server.accounts().createApiKey(request));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> server.accounts().createApiKey(request.toBuilder()
        .setUserId(owner.getUserId()).build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> server.accounts().createApiKey(request.toBuilder()
        .clearUserId().build()));
  }

  @Test
  void aUserBoundKeyStopsVerifyingOnceItsUserLeavesTheWorkspace() {
    User leaver = createUser("Leaver");
    addMember(workspaceA, leaver);
    CreateApiKeyResponse bound = createKey(workspaceA, Optional.of(leaver.getUserId()));
    verify(bound.getSecret());

    server.accounts().removeMember(RemoveMemberRequest.newBuilder()
        .setWorkspaceId(workspaceA.getWorkspaceId()).setUserId(leaver.getUserId()).build());

    assertStatus(Status.Code.UNAUTHENTICATED, () -> verify(bound.getSecret()));
    assertEquals(Optional.empty(), server.module.verifier().verify(bound.getSecret()));
  }

  @Test
  void theInProcessVerifierAnswersLikeVerifyApiKeyAndEmptyForBadSecrets() {
    User member = createUser("InProcess");
    addMember(workspaceB, member);
    CreateApiKeyResponse bound = createKey(workspaceB, Optional.of(member.getUserId()));

    VerifiedKey verified = server.module.verifier().verify(bound.getSecret()).orElseThrow();

    assertEquals(new VerifiedKey(UUID.fromString(bound.getApiKey().getApiKeyId()),
        UUID.fromString(workspaceB.getWorkspaceId()), Optional.of(UUID.fromString(member.getUserId())),
        List.of("files:read")), verified);
    assertFalse(server.module.verifier().verify("psk_" + "z".repeat(40)).isPresent());
    assertFalse(server.module.verifier().verify("not even a key").isPresent());
    revoke(workspaceB, bound.getApiKey().getApiKeyId());
    assertFalse(server.module.verifier().verify(bound.getSecret()).isPresent());
  }

  private static User createUser(String name) {
    return server.accounts().createUser(CreateUserRequest.newBuilder()
        .setEmail("tenant." + UUID.randomUUID() + "@example.com").setDisplayName(name).build()).getUser();
  }

  private static Workspace createWorkspace(User owner) {
    return server.accounts().createWorkspace(CreateWorkspaceRequest.newBuilder()
        .setSlug("tenant-" + UUID.randomUUID().toString().substring(0, 8)).setName("Tenant")
        .setOwnerUserId(owner.getUserId()).build()).getWorkspace();
  }

  private static void addMember(Workspace workspace, User user) {
    server.accounts().addMember(AddMemberRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId())
        .setUserId(user.getUserId()).setRole(Role.ROLE_MEMBER).build());
  }

  private static CreateApiKeyRequest.Builder keyRequest(Workspace workspace, Optional<String> userId) {
    CreateApiKeyRequest.Builder request = CreateApiKeyRequest.newBuilder()
        .setWorkspaceId(workspace.getWorkspaceId()).setName("tenancy").addScopes("files:read");
    userId.ifPresent(request::setUserId);
    return request;
  }

  private static CreateApiKeyResponse createKey(Workspace workspace, Optional<String> userId) {
    return server.accounts().createApiKey(keyRequest(workspace, userId).build());
  }

  private static ApiKey revoke(Workspace workspace, String apiKeyId) {
    return server.accounts().revokeApiKey(RevokeApiKeyRequest.newBuilder()
        .setWorkspaceId(workspace.getWorkspaceId()).setApiKeyId(apiKeyId).build()).getApiKey();
  }

  private static VerifyApiKeyResponse verify(String secret) {
    return server.accounts().verifyApiKey(VerifyApiKeyRequest.newBuilder().setSecret(secret).build());
  }
}
