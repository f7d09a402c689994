package dev.polystore.accounts;

import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import dev.polystore.accounts.v1.AddMemberRequest;
import dev.polystore.accounts.v1.ApiKey;
import dev.polystore.accounts.v1.CreateApiKeyRequest;
import dev.polystore.accounts.v1.CreateApiKeyResponse;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.GetUserByEmailRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.accounts.v1.GetWorkspaceRequest;
import dev.polystore.accounts.v1.ListApiKeysRequest;
import dev.polystore.accounts.v1.ListApiKeysResponse;
import dev.polystore.accounts.v1.ListMembersRequest;
import dev.polystore.accounts.v1.ListMembersResponse;
import dev.polystore.accounts.v1.ListWorkspacesForUserRequest;
import dev.polystore.accounts.v1.ListWorkspacesForUserResponse;
import dev.polystore.accounts.v1.Membership;
import dev.polystore.accounts.v1.RemoveMemberRequest;
import dev.polystore.accounts.v1.RevokeApiKeyRequest;
import dev.polystore.accounts.v1.Role;
import dev.polystore.accounts.v1.UpdateUserRequest;
import dev.polystore.accounts.v1.User;
import dev.polystore.accounts.v1.VerifyApiKeyRequest;
import dev.polystore.accounts.v1.VerifyApiKeyResponse;
import dev.polystore.accounts.v1.Workspace;
import dev.polystore.platform.testing.Concurrently;
import dev.polystore.platform.testing.Pages;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every RPC over a real channel against a real PostgreSQL: what callers see, and what is stored. */
class AccountsApiIT {
  private static AccountsServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = AccountsServer.startServing();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // Users

  @Test
  void createsAUserAndReadsItBackByIdAndByEmailInAnyCase() {
    String email = "Ada." + unique() + "@Example.com";
    User created = createUser(email, "Ada Lovelace");

    assertEquals(email, created.getEmail());
    assertEquals("Ada Lovelace", created.getDisplayName());
    assertFalse(created.getEtag().isEmpty());
    assertTrue(created.hasCreateTime() && created.hasUpdateTime());
    assertEquals(created, server.accounts().getUser(GetUserRequest.newBuilder()
        .setUserId(created.getUserId()).build()).getUser());
    assertEquals(created, server.accounts().getUserByEmail(GetUserByEmailRequest.newBuilder()
        .setEmail(email.toUpperCase()).build()).getUser());
    assertEquals(created, server.accounts().getUserByEmail(GetUserByEmailRequest.newBuilder()
        .setEmail(email.toLowerCase()).build()).getUser());
  }

  @Test
  void refusesASecondUserWithTheSameEmailInAnotherCase() throws Exception {
    String email = "grace." + unique() + "@example.com";
    createUser(email, "Grace");
    Map<String, String> before = server.tableContents();

    assertStatus(Status.Code.ALREADY_EXISTS, () -> createUser(email.toUpperCase(), "Grace again"));
    assertEquals(before, server.tableContents());
  }

  @Test
  void concurrentCreatesOfOneEmailLeaveOneUserAndAlreadyExistsForTheRest() throws Exception {
    String email = "race." + unique() + "@example.com";

    List<Status.Code> outcomes = codes(Concurrently.run(8,
        i -> createUser(i % 2 == 0 ? email : email.toUpperCase(), "Racer")));

    assertEquals(1, outcomes.stream().filter(Status.Code.OK::equals).count(), () -> "outcomes: " + outcomes);
    assertEquals(7, outcomes.stream().filter(Status.Code.ALREADY_EXISTS::equals).count(),
        () -> "outcomes: " + outcomes);
  }

  @Test
  void answersNotFoundForUnknownUsers() {
    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().getUser(GetUserRequest.newBuilder()
        .setUserId(UUID.randomUUID().toString()).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().getUserByEmail(GetUserByEmailRequest.newBuilder()
        .setEmail("nobody." + unique() + "@example.com").build()));
    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().updateUser(UpdateUserRequest.newBuilder()
        .setUserId(UUID.randomUUID().toString()).setDisplayName("X").setUpdateMask(mask("display_name")).build()));
  }

  @Test
  void updatesOnlyTheMaskedFieldsAndChangesTheEtag() {
    User user = createUser("alan." + unique() + "@example.com", "Alan");

    User renamed = server.accounts().updateUser(UpdateUserRequest.newBuilder()
        .setUserId(user.getUserId())
        .setEmail("ignored." + unique() + "@example.com")
        .setDisplayName("Alan Turing")
        .setUpdateMask(mask("display_name"))
        .setEtag(user.getEtag())
        .build()).getUser();

    assertEquals("Alan Turing", renamed.getDisplayName());
    assertEquals(user.getEmail(), renamed.getEmail());
    assertNotEquals(user.getEtag(), renamed.getEtag());
    assertEquals(renamed, getUser(user.getUserId()));

    String newEmail = "turing." + unique() + "@example.com";
    User moved = server.accounts().updateUser(UpdateUserRequest.newBuilder()
        .setUserId(user.getUserId()).setEmail(newEmail).setUpdateMask(mask("email")).build()).getUser();
    assertEquals(newEmail, moved.getEmail());
    assertEquals("Alan Turing", moved.getDisplayName());
  }

  @Test
  void refusesAnUpdateOverAChangeTheCallerHasNotSeen() {
    User user = createUser("edsger." + unique() + "@example.com", "Edsger");
    server.accounts().updateUser(UpdateUserRequest.newBuilder().setUserId(user.getUserId())
        .setDisplayName("Edsger W. Dijkstra").setUpdateMask(mask("display_name")).setEtag(user.getEtag()).build());

    assertStatus(Status.Code.FAILED_PRECONDITION, () -> server.accounts().updateUser(UpdateUserRequest.newBuilder()
        .setUserId(user.getUserId()).setDisplayName("Stale").setUpdateMask(mask("display_name"))
        .setEtag(user.getEtag()).build()));
    assertStatus(Status.Code.FAILED_PRECONDITION, () -> server.accounts().updateUser(UpdateUserRequest.newBuilder()
        .setUserId(user.getUserId()).setDisplayName("Made up").setUpdateMask(mask("display_name"))
        .setEtag("not-an-etag").build()));
    assertEquals("Edsger W. Dijkstra", getUser(user.getUserId()).getDisplayName());
  }

  @Test
  void refusesAnEmailAnotherUserHasButAllowsTheUsersOwnInAnotherCase() {
    User taken = createUser("barbara." + unique() + "@example.com", "Barbara");
    User user = createUser("donald." + unique() + "@example.com", "Donald");

    assertStatus(Status.Code.ALREADY_EXISTS, () -> server.accounts().updateUser(UpdateUserRequest.newBuilder()
        .setUserId(user.getUserId()).setEmail(taken.getEmail().toUpperCase()).setUpdateMask(mask("email")).build()));
    assertEquals(user.getEmail(), getUser(user.getUserId()).getEmail());

    User recased = server.accounts().updateUser(UpdateUserRequest.newBuilder()
        .setUserId(user.getUserId()).setEmail(user.getEmail().toUpperCase()).setUpdateMask(mask("email"))
        .build()).getUser();
    assertEquals(user.getEmail().toUpperCase(), recased.getEmail());
  }

  // Workspaces and members

  @Test
  void createsAWorkspaceWithItsOwnerAsFirstMember() {
    User owner = createUser("owner." + unique() + "@example.com", "Owner");
    String slug = "acme-" + unique();

    Workspace workspace = createWorkspace(slug, owner);

    assertEquals(slug, workspace.getSlug());
    assertEquals("Acme", workspace.getName());
    assertEquals(owner.getUserId(), workspace.getOwnerUserId());
    assertEquals(workspace, server.accounts().getWorkspace(GetWorkspaceRequest.newBuilder()
        .setWorkspaceId(workspace.getWorkspaceId()).build()).getWorkspace());
    List<Membership> members = listMembers(workspace, 0, "").getMembersList();
    assertEquals(1, members.size());
    assertEquals(owner.getUserId(), members.get(0).getUserId());
    assertEquals(Role.ROLE_OWNER, members.get(0).getRole());
  }

  @Test
  void refusesATakenSlugAndAnUnknownOwner() throws Exception {
    User owner = createUser("slugger." + unique() + "@example.com", "Slugger");
    User other = createUser("other." + unique() + "@example.com", "Other");
    String slug = "taken-" + unique();
    createWorkspace(slug, owner);
    Map<String, String> before = server.tableContents();

    // Another owner or another name: not a retry of the first create.
    assertStatus(Status.Code.ALREADY_EXISTS, () -> createWorkspace(slug, other));
    assertStatus(Status.Code.ALREADY_EXISTS, () -> server.accounts().createWorkspace(CreateWorkspaceRequest
        .newBuilder().setSlug(slug).setName("Another name").setOwnerUserId(owner.getUserId()).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().createWorkspace(CreateWorkspaceRequest.newBuilder()
        .setSlug("ghost-" + unique()).setName("Ghost").setOwnerUserId(UUID.randomUUID().toString()).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().getWorkspace(GetWorkspaceRequest.newBuilder()
        .setWorkspaceId(UUID.randomUUID().toString()).build()));
    assertEquals(before, server.tableContents());
  }

  @Test
  void addsAndRemovesMembers() {
    User owner = createUser("team-owner." + unique() + "@example.com", "Owner");
    User member = createUser("team-member." + unique() + "@example.com", "Member");
    Workspace workspace = createWorkspace("team-" + unique(), owner);

    Membership added = addMember(workspace, member, Role.ROLE_ADMIN);

    assertEquals(workspace.getWorkspaceId(), added.getWorkspaceId());
    assertEquals(member.getUserId(), added.getUserId());
    assertEquals(Role.ROLE_ADMIN, added.getRole());
    assertEquals(List.of(owner.getUserId(), member.getUserId()), userIds(listMembers(workspace, 0, "")));

    server.accounts().removeMember(RemoveMemberRequest.newBuilder()
        .setWorkspaceId(workspace.getWorkspaceId()).setUserId(member.getUserId()).build());

    assertEquals(List.of(owner.getUserId()), userIds(listMembers(workspace, 0, "")));
  }

  @Test
  void refusesMembersTwiceAndUnknownWorkspacesOrUsers() throws Exception {
    User owner = createUser("dup-owner." + unique() + "@example.com", "Owner");
    User member = createUser("dup-member." + unique() + "@example.com", "Member");
    Workspace workspace = createWorkspace("dup-" + unique(), owner);
    addMember(workspace, member, Role.ROLE_MEMBER);
    Map<String, String> before = server.tableContents();

    assertStatus(Status.Code.ALREADY_EXISTS, () -> addMember(workspace, member, Role.ROLE_ADMIN));
    assertStatus(Status.Code.ALREADY_EXISTS, () -> addMember(workspace, owner, Role.ROLE_MEMBER));
    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().addMember(AddMemberRequest.newBuilder()
        .setWorkspaceId(UUID.randomUUID().toString()).setUserId(member.getUserId()).setRole(Role.ROLE_MEMBER).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().addMember(AddMemberRequest.newBuilder()
        .setWorkspaceId(workspace.getWorkspaceId()).setUserId(UUID.randomUUID().toString())
        .setRole(Role.ROLE_MEMBER).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().removeMember(RemoveMemberRequest.newBuilder()
        .setWorkspaceId(workspace.getWorkspaceId()).setUserId(UUID.randomUUID().toString()).build()));
    assertEquals(before, server.tableContents());
  }

  @Test
  void neverRemovesTheLastOwner() throws Exception {
    User first = createUser("first-owner." + unique() + "@example.com", "First");
    User second = createUser("second-owner." + unique() + "@example.com", "Second");
    Workspace workspace = createWorkspace("owners-" + unique(), first);
    Map<String, String> before = server.tableContents();

    assertStatus(Status.Code.FAILED_PRECONDITION, () -> removeMember(workspace, first));
    assertEquals(before, server.tableContents());

    addMember(workspace, second, Role.ROLE_OWNER);
    removeMember(workspace, first);

    assertStatus(Status.Code.FAILED_PRECONDITION, () -> removeMember(workspace, second));
    assertEquals(List.of(second.getUserId()), userIds(listMembers(workspace, 0, "")));
  }

  @Test
  void concurrentRemovalsOfTwoOwnersLeaveOne() throws Exception {
    User first = createUser("race-owner-a." + unique() + "@example.com", "A");
    User second = createUser("race-owner-b." + unique() + "@example.com", "B");
    Workspace workspace = createWorkspace("race-" + unique(), first);
    addMember(workspace, second, Role.ROLE_OWNER);
    List<User> owners = List.of(first, second);

    List<Status.Code> outcomes = codes(Concurrently.run(2, i -> {
      removeMember(workspace, owners.get(i));
      return null;
    }));

    assertEquals(List.of(Status.Code.OK, Status.Code.FAILED_PRECONDITION), outcomes.stream().sorted().toList());
    assertEquals(1, listMembers(workspace, 0, "").getMembersCount());
  }

  // Pagination

  @Test
  void pagesMembersWithoutSkippingOrRepeating() {
    User owner = createUser("pager." + unique() + "@example.com", "Pager");
    Workspace workspace = createWorkspace("pages-" + unique(), owner);
    List<String> expected = new ArrayList<>(List.of(owner.getUserId()));
    for (int i = 0; i < 7; i++) {
      User member = createUser("paged" + i + "." + unique() + "@example.com", "Paged " + i);
      addMember(workspace, member, Role.ROLE_MEMBER);
      expected.add(member.getUserId());
    }

    List<List<String>> pages = Pages.collect(token -> listMembers(workspace, 3, token),
        ListMembersResponse::getNextPageToken, response -> userIds(response));

    assertEquals(List.of(3, 3, 2), pages.stream().map(List::size).toList());
    assertEquals(expected, pages.stream().flatMap(List::stream).toList());
    assertEquals(expected, userIds(listMembers(workspace, 0, "")));
  }

  @Test
  void pagesAUsersWorkspacesOldestMembershipFirst() {
    User user = createUser("joiner." + unique() + "@example.com", "Joiner");
    User other = createUser("founder." + unique() + "@example.com", "Founder");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // Created by another user; the joiner joins them in this order.
      Workspace workspace = createWorkspace("joined-" + i + "-" + unique(), other);
      addMember(workspace, user, Role.ROLE_MEMBER);
      expected.add(workspace.getWorkspaceId());
    }

    List<List<String>> pages = Pages.collect(token -> listWorkspaces(user, 2, token),
        ListWorkspacesForUserResponse::getNextPageToken,
        response -> response.getWorkspacesList().stream().map(Workspace::getWorkspaceId).toList());

    assertEquals(List.of(2, 2, 1), pages.stream().map(List::size).toList());
    assertEquals(expected, pages.stream().flatMap(List::stream).toList());
    ListWorkspacesForUserResponse none = listWorkspaces(
        createUser("loner." + unique() + "@example.com", "Loner"), 0, "");
    assertEquals(0, none.getWorkspacesCount());
    assertEquals("", none.getNextPageToken());
    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().listWorkspacesForUser(
        ListWorkspacesForUserRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build()));
  }

  @Test
  void pagesApiKeysAndAnswersNotFoundForUnknownWorkspaces() {
    Workspace workspace = createWorkspace("keys-" + unique(),
        createUser("keyholder." + unique() + "@example.com", "Keyholder"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.add(createApiKey(workspace, "key " + i, null).getApiKey().getApiKeyId());
    }

    List<List<String>> pages = Pages.collect(token -> listApiKeys(workspace, 2, token),
        ListApiKeysResponse::getNextPageToken,
        response -> response.getApiKeysList().stream().map(ApiKey::getApiKeyId).toList());

    assertEquals(List.of(2, 2, 1), pages.stream().map(List::size).toList());
    assertEquals(expected, pages.stream().flatMap(List::stream).toList());
    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().listApiKeys(ListApiKeysRequest.newBuilder()
        .setWorkspaceId(UUID.randomUUID().toString()).build()));
    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().listMembers(ListMembersRequest.newBuilder()
        .setWorkspaceId(UUID.randomUUID().toString()).build()));
  }

  @Test
  void aPageTokenOfOneListIsRefusedByAnother() {
    User owner = createUser("tokens." + unique() + "@example.com", "Tokens");
    Workspace first = createWorkspace("tokens-a-" + unique(), owner);
    Workspace second = createWorkspace("tokens-b-" + unique(), owner);
    addMember(first, createUser("tokens-m." + unique() + "@example.com", "M"), Role.ROLE_MEMBER);
    String token = listMembers(first, 1, "").getNextPageToken();
    assertFalse(token.isEmpty());

    assertStatus(Status.Code.INVALID_ARGUMENT, () -> listMembers(second, 1, token));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> listApiKeys(first, 1, token));
  }

  // API keys

  @Test
  void createsAKeyWhoseSecretIsShownOnceAndVerifies() throws Exception {
    Workspace workspace = createWorkspace("api-" + unique(), createUser("api." + unique() + "@example.com", "Api"));
    Instant expiry = Instant.now().plusSeconds(3600);

    CreateApiKeyResponse created = createApiKey(workspace, "ci", expiry);

    String secret = created.getSecret();
    ApiKey key = created.getApiKey();
    assertTrue(secret.matches("psk_[0-9A-Za-z]{40}"), secret);
    assertEquals(secret.substring(0, 12), key.getPrefix());
    assertEquals(List.of("files:read", "files:write"), key.getScopesList());
    assertEquals(expiry.getEpochSecond(), key.getExpireTime().getSeconds());
    assertFalse(key.hasRevokeTime());
    assertEquals(List.of(key), listApiKeys(workspace, 0, "").getApiKeysList());

    VerifyApiKeyResponse verified = verify(secret);
    assertEquals(key.getApiKeyId(), verified.getApiKeyId());
    assertEquals(workspace.getWorkspaceId(), verified.getWorkspaceId());
    assertEquals(key.getScopesList(), verified.getScopesList());

    // The store keeps the SHA-256 of the secret and its prefix, and nowhere the secret itself.
    try (Connection connection = server.connect(); PreparedStatement query = connection.prepareStatement(
        "SELECT secret_hash, prefix, api_keys::text AS whole_row FROM api_keys WHERE api_key_id = ?::uuid")) {
      query.setString(1, key.getApiKeyId());
      try (ResultSet row = query.executeQuery()) {
        assertTrue(row.next());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)),
            row.getBytes("secret_hash"));
        assertEquals(key.getPrefix(), row.getString("prefix"));
        assertFalse(row.getString("whole_row").contains(secret.substring(12)));
      }
    }
  }

  @Test
  void revokesIdempotentlyAndARevokedKeyNoLongerVerifies() throws Exception {
    Workspace workspace = createWorkspace("revoke-" + unique(),
        createUser("revoker." + unique() + "@example.com", "Revoker"));
    CreateApiKeyResponse created = createApiKey(workspace, "deploy", null);
    verify(created.getSecret());

    ApiKey revoked = revoke(workspace, created.getApiKey().getApiKeyId());
    assertTrue(revoked.hasRevokeTime());
    StatusRuntimeException refused = assertStatus(Status.Code.UNAUTHENTICATED, () -> verify(created.getSecret()));

    ApiKey again = revoke(workspace, created.getApiKey().getApiKeyId());
    assertEquals(revoked.getRevokeTime(), again.getRevokeTime());
    assertStatus(Status.Code.NOT_FOUND, () -> revoke(workspace, UUID.randomUUID().toString()));

    // Unknown, revoked and expired secrets all get the same answer.
    StatusRuntimeException unknown = assertStatus(Status.Code.UNAUTHENTICATED,
        () -> verify("psk_" + "x".repeat(40)));
    assertEquals(refused.getStatus().getDescription(), unknown.getStatus().getDescription());
  }

  @Test
  void anExpiredKeyNoLongerVerifies() throws Exception {
    Workspace workspace = createWorkspace("expiry-" + unique(),
        createUser("expirer." + unique() + "@example.com", "Expirer"));
    CreateApiKeyResponse created = createApiKey(workspace, "short-lived", Instant.now().plusSeconds(3600));
    verify(created.getSecret());

    // Time passes: the key's expiry is now behind us.
    try (Connection connection = server.connect(); PreparedStatement update = connection.prepareStatement(
        "UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE api_key_id = ?::uuid")) {
      update.setString(1, created.getApiKey().getApiKeyId());
      assertEquals(1, update.executeUpdate());
    }

    StatusRuntimeException expired = assertStatus(Status.Code.UNAUTHENTICATED, () -> verify(created.getSecret()));
    StatusRuntimeException unknown = assertStatus(Status.Code.UNAUTHENTICATED,
        () -> verify("psk_" + "y".repeat(40)));
    assertEquals(unknown.getStatus().getDescription(), expired.getStatus().getDescription());
  }

  @Test
  void refusesKeysForUnknownWorkspaces() throws Exception {
    Map<String, String> before = server.tableContents();

    assertStatus(Status.Code.NOT_FOUND, () -> server.accounts().createApiKey(CreateApiKeyRequest.newBuilder()
        .setWorkspaceId(UUID.randomUUID().toString()).setName("orphan").addScopes("files:read").build()));
    assertEquals(before, server.tableContents());
  }

  @Test
  void recordsTheLastUseOnceFlushed() {
    Workspace workspace = createWorkspace("used-" + unique(), createUser("user." + unique() + "@example.com", "U"));
    CreateApiKeyResponse created = createApiKey(workspace, "busy", null);
    assertFalse(listApiKeys(workspace, 0, "").getApiKeys(0).hasLastUseTime());
    Instant before = Instant.now().minusSeconds(1);

    verify(created.getSecret());
    verify(created.getSecret());
    server.module.flushLastUses();

    ApiKey listed = listApiKeys(workspace, 0, "").getApiKeys(0);
    assertTrue(listed.hasLastUseTime());
    assertTrue(listed.getLastUseTime().getSeconds() >= before.getEpochSecond());
  }

  // Helpers

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static FieldMask mask(String... paths) {
    return FieldMask.newBuilder().addAllPaths(List.of(paths)).build();
  }

  private static User createUser(String email, String displayName) {
    return server.accounts().createUser(CreateUserRequest.newBuilder()
        .setEmail(email).setDisplayName(displayName).build()).getUser();
  }

  private static User getUser(String userId) {
    return server.accounts().getUser(GetUserRequest.newBuilder().setUserId(userId).build()).getUser();
  }

  private static Workspace createWorkspace(String slug, User owner) {
    return server.accounts().createWorkspace(CreateWorkspaceRequest.newBuilder()
        .setSlug(slug).setName("Acme").setOwnerUserId(owner.getUserId()).build()).getWorkspace();
  }

  private static Membership addMember(Workspace workspace, User user, Role role) {
    return server.accounts().addMember(AddMemberRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId())
        .setUserId(user.getUserId()).setRole(role).build()).getMembership();
  }

  private static void removeMember(Workspace workspace, User user) {
    server.accounts().removeMember(RemoveMemberRequest.newBuilder()
        .setWorkspaceId(workspace.getWorkspaceId()).setUserId(user.getUserId()).build());
  }

  private static ListMembersResponse listMembers(Workspace workspace, int pageSize, String pageToken) {
    return server.accounts().listMembers(ListMembersRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId())
        .setPageSize(pageSize).setPageToken(pageToken).build());
  }

  private static ListWorkspacesForUserResponse listWorkspaces(User user, int pageSize, String pageToken) {
    return server.accounts().listWorkspacesForUser(ListWorkspacesForUserRequest.newBuilder()
        .setUserId(user.getUserId()).setPageSize(pageSize).setPageToken(pageToken).build());
  }

  private static ListApiKeysResponse listApiKeys(Workspace workspace, int pageSize, String pageToken) {
    return server.accounts().listApiKeys(ListApiKeysRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId())
        .setPageSize(pageSize).setPageToken(pageToken).build());
  }

  private static CreateApiKeyResponse createApiKey(Workspace workspace, String name, Instant expiry) {
    CreateApiKeyRequest.Builder request = CreateApiKeyRequest.newBuilder()
        .setWorkspaceId(workspace.getWorkspaceId()).setName(name).addScopes("files:read").addScopes("files:write");
    if (expiry != null) {
      request.setExpireTime(Timestamp.newBuilder().setSeconds(expiry.getEpochSecond()).build());
    }
    return server.accounts().createApiKey(request.build());
  }

  private static ApiKey revoke(Workspace workspace, String apiKeyId) {
    return server.accounts().revokeApiKey(RevokeApiKeyRequest.newBuilder()
        .setWorkspaceId(workspace.getWorkspaceId()).setApiKeyId(apiKeyId).build()).getApiKey();
  }

  private static VerifyApiKeyResponse verify(String secret) {
    return server.accounts().verifyApiKey(VerifyApiKeyRequest.newBuilder().setSecret(secret).build());
  }

  private static List<String> userIds(ListMembersResponse response) {
    return response.getMembersList().stream().map(Membership::getUserId).toList();
  }

  private static List<Status.Code> codes(List<? extends Concurrently.Outcome<?>> outcomes) {
    return outcomes.stream().map(Concurrently.Outcome::code).toList();
  }
}
