package dev.polystore.accounts;

import static dev.polystore.platform.testing.BadRequestCases.bad;


import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import dev.polystore.accounts.v1.AccountsServiceGrpc.AccountsServiceBlockingStub;
import dev.polystore.accounts.v1.AddMemberRequest;
import dev.polystore.accounts.v1.CreateApiKeyRequest;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.GetUserByEmailRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.accounts.v1.GetWorkspaceRequest;
import dev.polystore.accounts.v1.ListApiKeysRequest;
import dev.polystore.accounts.v1.ListMembersRequest;
import dev.polystore.accounts.v1.ListWorkspacesForUserRequest;
import dev.polystore.accounts.v1.RemoveMemberRequest;
import dev.polystore.accounts.v1.RevokeApiKeyRequest;
import dev.polystore.accounts.v1.Role;
import dev.polystore.accounts.v1.UpdateUserRequest;
import dev.polystore.accounts.v1.User;
import dev.polystore.accounts.v1.VerifyApiKeyRequest;
import dev.polystore.accounts.v1.Workspace;
import dev.polystore.platform.testing.BadRequestCases;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every RPC, requests that break a rule (the contract's or the domain's) get INVALID_ARGUMENT
 * whose google.rpc.BadRequest names the field, and change no table: neither its row count nor any row.
 */
class AccountsBadInputIT {
  private static final String NOT_A_UUID = "not-a-uuid";
  private static AccountsServer server;
  private static User user;
  private static User newcomer;
  private static Workspace workspace;
  private static String otherListsToken;
  private static BadRequestCases<AccountsServiceBlockingStub> checks;

  @BeforeAll
  static void start() throws InterruptedException {
    server = AccountsServer.startServing();
    checks = new BadRequestCases<>(server::accounts, server::tableContents);
    // Real rows, so that each bad request below is wrong in its one field only.
    user = server.accounts().createUser(CreateUserRequest.newBuilder()
        .setEmail("bad-input@example.com").setDisplayName("Bad Input").build()).getUser();
    workspace = server.accounts().createWorkspace(CreateWorkspaceRequest.newBuilder()
        .setSlug("bad-input").setName("Bad Input").setOwnerUserId(user.getUserId()).build()).getWorkspace();
    User member = server.accounts().createUser(CreateUserRequest.newBuilder()
        .setEmail("bad-input-member@example.com").setDisplayName("Member").build()).getUser();
    server.accounts().addMember(AddMemberRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId())
        .setUserId(member.getUserId()).setRole(Role.ROLE_MEMBER).build());
    newcomer = server.accounts().createUser(CreateUserRequest.newBuilder()
        .setEmail("bad-input-newcomer@example.com").setDisplayName("Newcomer").build()).getUser();
    otherListsToken = server.accounts().listMembers(ListMembersRequest.newBuilder()
        .setWorkspaceId(workspace.getWorkspaceId()).setPageSize(1).build()).getNextPageToken();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> createUser() {
    return checks.of(
        bad("email that is no address", "email", s -> s.createUser(validCreateUser().setEmail("not-an-email").build())),
        bad("email longer than 254", "email",
            s -> s.createUser(validCreateUser().setEmail("a".repeat(250) + "@example.com").build())),
        bad("no email", "email", s -> s.createUser(validCreateUser().clearEmail().build())),
        bad("empty display name", "display_name", s -> s.createUser(validCreateUser().setDisplayName("").build())),
        bad("display name longer than 100", "display_name",
            s -> s.createUser(validCreateUser().setDisplayName("x".repeat(101)).build())));
  }

  @TestFactory
  Stream<DynamicTest> getUser() {
    return checks.of(
        bad("user_id that is no UUID", "user_id",
            s -> s.getUser(GetUserRequest.newBuilder().setUserId(NOT_A_UUID).build())),
        bad("no user_id", "user_id", s -> s.getUser(GetUserRequest.getDefaultInstance())));
  }

  @TestFactory
  Stream<DynamicTest> getUserByEmail() {
    return checks.of(
        bad("email that is no address", "email",
            s -> s.getUserByEmail(GetUserByEmailRequest.newBuilder().setEmail("nobody").build())),
        bad("no email", "email", s -> s.getUserByEmail(GetUserByEmailRequest.getDefaultInstance())));
  }

  @TestFactory
  Stream<DynamicTest> updateUser() {
    return checks.of(
        bad("user_id that is no UUID", "user_id", s -> s.updateUser(validUpdateUser().setUserId(NOT_A_UUID).build())),
        bad("no update_mask", "update_mask", s -> s.updateUser(validUpdateUser().clearUpdateMask().build())),
        bad("update_mask with no paths", "update_mask",
            s -> s.updateUser(validUpdateUser().setUpdateMask(FieldMask.getDefaultInstance()).build())),
        bad("update_mask naming another field", "update_mask",
            s -> s.updateUser(validUpdateUser().setUpdateMask(mask("user_id")).build())),
        bad("email that is no address", "email",
            s -> s.updateUser(validUpdateUser().setEmail("nobody").setUpdateMask(mask("email")).build())),
        bad("masked email left empty", "email",
            s -> s.updateUser(validUpdateUser().setEmail("").setUpdateMask(mask("email")).build())),
        bad("masked display name left empty", "display_name",
            s -> s.updateUser(validUpdateUser().setDisplayName("").build())),
        bad("masked display name of blanks", "display_name",
            s -> s.updateUser(validUpdateUser().setDisplayName("   ").build())),
        bad("display name longer than 100", "display_name",
            s -> s.updateUser(validUpdateUser().setDisplayName("x".repeat(101)).build())),
        bad("etag longer than 64", "etag", s -> s.updateUser(validUpdateUser().setEtag("9".repeat(65)).build())));
  }

  @TestFactory
  Stream<DynamicTest> createWorkspace() {
    return checks.of(
        bad("slug too short", "slug", s -> s.createWorkspace(validCreateWorkspace().setSlug("ab").build())),
        bad("slug with capitals", "slug", s -> s.createWorkspace(validCreateWorkspace().setSlug("Acme").build())),
        bad("slug with an outer hyphen", "slug",
            s -> s.createWorkspace(validCreateWorkspace().setSlug("-acme").build())),
        bad("slug longer than 40", "slug",
            s -> s.createWorkspace(validCreateWorkspace().setSlug("a".repeat(41)).build())),
        bad("empty name", "name", s -> s.createWorkspace(validCreateWorkspace().setName("").build())),
        bad("owner_user_id that is no UUID", "owner_user_id",
            s -> s.createWorkspace(validCreateWorkspace().setOwnerUserId(NOT_A_UUID).build())));
  }

  @TestFactory
  Stream<DynamicTest> getWorkspace() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.getWorkspace(GetWorkspaceRequest.newBuilder().setWorkspaceId(NOT_A_UUID).build())),
        bad("no workspace_id", "workspace_id", s -> s.getWorkspace(GetWorkspaceRequest.getDefaultInstance())));
  }

  @TestFactory
  Stream<DynamicTest> addMember() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.addMember(validAddMember().setWorkspaceId(NOT_A_UUID).build())),
        bad("user_id that is no UUID", "user_id", s -> s.addMember(validAddMember().setUserId(NOT_A_UUID).build())),
        bad("unspecified role", "role", s -> s.addMember(validAddMember().setRole(Role.ROLE_UNSPECIFIED).build())),
        bad("role of no known number", "role", s -> s.addMember(validAddMember().setRoleValue(42).build())));
  }

  @TestFactory
  Stream<DynamicTest> removeMember() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id", s -> s.removeMember(RemoveMemberRequest.newBuilder()
            .setWorkspaceId(NOT_A_UUID).setUserId(user.getUserId()).build())),
        bad("user_id that is no UUID", "user_id", s -> s.removeMember(RemoveMemberRequest.newBuilder()
            .setWorkspaceId(workspace.getWorkspaceId()).setUserId(NOT_A_UUID).build())));
  }

  @TestFactory
  Stream<DynamicTest> listMembers() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.listMembers(validListMembers().setWorkspaceId(NOT_A_UUID).build())),
        bad("negative page_size", "page_size", s -> s.listMembers(validListMembers().setPageSize(-1).build())),
        bad("page_size over 100", "page_size", s -> s.listMembers(validListMembers().setPageSize(101).build())),
        bad("page_token longer than 512", "page_token",
            s -> s.listMembers(validListMembers().setPageToken("a".repeat(513)).build())),
        bad("page_token it never handed out", "page_token",
            s -> s.listMembers(validListMembers().setPageToken("bm90LWEtdG9rZW4").build())));
  }

  @TestFactory
  Stream<DynamicTest> listWorkspacesForUser() {
    return checks.of(
        bad("user_id that is no UUID", "user_id",
            s -> s.listWorkspacesForUser(validListWorkspaces().setUserId(NOT_A_UUID).build())),
        bad("page_size over 100", "page_size",
            s -> s.listWorkspacesForUser(validListWorkspaces().setPageSize(500).build())),
        bad("page_token of another list", "page_token",
            s -> s.listWorkspacesForUser(validListWorkspaces().setPageToken(otherListsToken).build())));
  }

  @TestFactory
  Stream<DynamicTest> createApiKey() {
    Instant past = Instant.now().minusSeconds(60);
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.createApiKey(validCreateApiKey().setWorkspaceId(NOT_A_UUID).build())),
        bad("empty name", "name", s -> s.createApiKey(validCreateApiKey().setName("").build())),
        bad("user_id that is no UUID", "user_id",
            s -> s.createApiKey(validCreateApiKey().setUserId(NOT_A_UUID).build())),
        bad("no scopes", "scopes", s -> s.createApiKey(validCreateApiKey().clearScopes().build())),
        bad("a scope of capitals and spaces", "scopes[0]",
            s -> s.createApiKey(validCreateApiKey().clearScopes().addScopes("Files Read").build())),
        bad("the same scope twice", "scopes",
            s -> s.createApiKey(validCreateApiKey().addScopes("files:read").build())),
        bad("more than 20 scopes", "scopes", s -> {
          CreateApiKeyRequest.Builder request = validCreateApiKey().clearScopes();
          for (int i = 0; i < 21; i++) {
            request.addScopes("scope" + i);
          }
          s.createApiKey(request.build());
        }),
        bad("expire_time in the past", "expire_time", s -> s.createApiKey(validCreateApiKey()
            .setExpireTime(Timestamp.newBuilder().setSeconds(past.getEpochSecond())).build())),
        // Beyond java.time's range, where timestamp.gt_now cannot be evaluated (found by the fuzz suite).
        bad("expire_time 2^62 seconds after 1970", "expire_time", s -> s.createApiKey(validCreateApiKey()
            .setExpireTime(Timestamp.newBuilder().setSeconds(1L << 62)).build())));
  }

  @TestFactory
  Stream<DynamicTest> listApiKeys() {
    return checks.of(
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.listApiKeys(validListApiKeys().setWorkspaceId(NOT_A_UUID).build())),
        bad("page_size over 100", "page_size", s -> s.listApiKeys(validListApiKeys().setPageSize(101).build())),
        bad("page_token of another list", "page_token",
            s -> s.listApiKeys(validListApiKeys().setPageToken(otherListsToken).build())));
  }

  @TestFactory
  Stream<DynamicTest> revokeApiKey() {
    return checks.of(
        bad("api_key_id that is no UUID", "api_key_id",
            s -> s.revokeApiKey(validRevokeApiKey().setApiKeyId(NOT_A_UUID).build())),
        bad("no api_key_id", "api_key_id", s -> s.revokeApiKey(validRevokeApiKey().clearApiKeyId().build())),
        bad("workspace_id that is no UUID", "workspace_id",
            s -> s.revokeApiKey(validRevokeApiKey().setWorkspaceId(NOT_A_UUID).build())),
        bad("no workspace_id", "workspace_id", s -> s.revokeApiKey(validRevokeApiKey().clearWorkspaceId().build())));
  }

  @TestFactory
  Stream<DynamicTest> verifyApiKey() {
    return checks.of(
        bad("secret too short", "secret",
            s -> s.verifyApiKey(VerifyApiKeyRequest.newBuilder().setSecret("psk_short").build())),
        bad("secret without psk_", "secret",
            s -> s.verifyApiKey(VerifyApiKeyRequest.newBuilder().setSecret("sk_" + "a".repeat(40)).build())),
        bad("secret longer than 128", "secret",
            s -> s.verifyApiKey(VerifyApiKeyRequest.newBuilder().setSecret("psk_" + "a".repeat(125)).build())),
        bad("no secret", "secret", s -> s.verifyApiKey(VerifyApiKeyRequest.getDefaultInstance())));
  }

  // Valid requests, each case breaks one field of one.

  private static CreateUserRequest.Builder validCreateUser() {
    return CreateUserRequest.newBuilder().setEmail("fresh-" + UUID.randomUUID() + "@example.com")
        .setDisplayName("Fresh");
  }

  private static UpdateUserRequest.Builder validUpdateUser() {
    return UpdateUserRequest.newBuilder().setUserId(user.getUserId()).setDisplayName("Renamed")
        .setUpdateMask(mask("display_name"));
  }

  private static CreateWorkspaceRequest.Builder validCreateWorkspace() {
    return CreateWorkspaceRequest.newBuilder().setSlug("fresh-" + UUID.randomUUID().toString().substring(0, 8))
        .setName("Fresh").setOwnerUserId(user.getUserId());
  }

  private static AddMemberRequest.Builder validAddMember() {
    return AddMemberRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId())
        .setUserId(newcomer.getUserId()).setRole(Role.ROLE_MEMBER);
  }

  private static ListMembersRequest.Builder validListMembers() {
    return ListMembersRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId()).setPageSize(10);
  }

  private static ListWorkspacesForUserRequest.Builder validListWorkspaces() {
    return ListWorkspacesForUserRequest.newBuilder().setUserId(user.getUserId()).setPageSize(10);
  }

  private static CreateApiKeyRequest.Builder validCreateApiKey() {
    return CreateApiKeyRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId()).setName("ci")
        .addScopes("files:read");
  }

  private static RevokeApiKeyRequest.Builder validRevokeApiKey() {
    return RevokeApiKeyRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId())
        .setApiKeyId(UUID.randomUUID().toString());
  }

  private static ListApiKeysRequest.Builder validListApiKeys() {
    return ListApiKeysRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId()).setPageSize(10);
  }

  private static FieldMask mask(String... paths) {
    return FieldMask.newBuilder().addAllPaths(List.of(paths)).build();
  }
}
