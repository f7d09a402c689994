package dev.polystore.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.FieldMask;
import dev.polystore.accounts.v1.AddMemberRequest;
import dev.polystore.accounts.v1.CreateApiKeyRequest;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.RemoveMemberRequest;
import dev.polystore.accounts.v1.RevokeApiKeyRequest;
import dev.polystore.accounts.v1.Role;
import dev.polystore.accounts.v1.UpdateUserRequest;
import dev.polystore.accounts.v1.User;
import dev.polystore.accounts.v1.Workspace;
import dev.polystore.events.v1.Event;
import dev.polystore.platform.postgres.testing.OutboxContents;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every committed write of accounts leaves exactly one event in its outbox, in the write's
 * transaction: a refused write leaves none (also AccountsBadInputIT, whose table digests include the
 * outbox) and the repeat of an idempotent write adds none.
 */
class AccountsOutboxIT {
  private static AccountsServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = AccountsServer.startServing();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void eachWriteIsOneEventAndRepeatsAreNone() throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    User owner = createUser("owner-" + unique);
    User member = createUser("member-" + unique);
    server.accounts().updateUser(UpdateUserRequest.newBuilder().setUserId(member.getUserId())
        .setDisplayName("Renamed").setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build());
    CreateWorkspaceRequest workspaceRequest = CreateWorkspaceRequest.newBuilder().setSlug("outbox-" + unique)
        .setName("Outbox").setOwnerUserId(owner.getUserId()).build();
    Workspace workspace = server.accounts().createWorkspace(workspaceRequest).getWorkspace();
    server.accounts().createWorkspace(workspaceRequest); // the same slug, name and owner: the same workspace
    server.accounts().addMember(AddMemberRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId())
        .setUserId(member.getUserId()).setRole(Role.ROLE_MEMBER).build());
    CreateApiKeyRequest keyRequest = CreateApiKeyRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId())
        .setName("ci").addScopes("files:read").setRequestId(UUID.randomUUID().toString()).build();
    String keyId = server.accounts().createApiKey(keyRequest).getApiKey().getApiKeyId();
    server.accounts().createApiKey(keyRequest); // a retry: the same key
    RevokeApiKeyRequest revoke = RevokeApiKeyRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId())
        .setApiKeyId(keyId).build();
    server.accounts().revokeApiKey(revoke);
    server.accounts().revokeApiKey(revoke); // revoked already: nothing changes
    server.accounts().removeMember(RemoveMemberRequest.newBuilder().setWorkspaceId(workspace.getWorkspaceId())
        .setUserId(member.getUserId()).build());

    List<Event> events = events(Set.of(owner.getUserId(), member.getUserId(), workspace.getWorkspaceId(), keyId));

    assertEquals(List.of("user.created", "user.created", "user.updated", "workspace.created", "member.added",
        "api_key.created", "api_key.revoked", "member.removed"), events.stream().map(Event::getType).toList());
    assertEquals("", events.get(0).getWorkspaceId(), "a user belongs to no workspace");
    assertEquals(owner.getUserId(), events.get(0).getSubjectId());
    assertEquals(workspace.getWorkspaceId(), events.get(3).getWorkspaceId());
    assertEquals(member.getUserId(), events.get(4).getSubjectId());
    assertEquals(keyId, events.get(6).getSubjectId());
    assertEquals("admin", events.get(6).getActor());
  }

  @Test
  void aRefusedWriteLeavesNoEvent() throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    User first = createUser("taken-" + unique);
    int before = outboxSize();

    StatusRuntimeException taken = assertThrows(StatusRuntimeException.class, () -> server.accounts().createUser(
        CreateUserRequest.newBuilder().setEmail(first.getEmail()).setDisplayName("Second").build()));

    assertEquals(Status.Code.ALREADY_EXISTS, taken.getStatus().getCode());
    assertEquals(before, outboxSize());
  }

  @Test
  void anUpdateTheStoreRefusesLeavesNoEvent() throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    User holder = createUser("holder-" + unique);
    User other = createUser("other-" + unique);
    int before = outboxSize();

    // Nothing checks the email before the write: the update's own statement meets the unique index.
    StatusRuntimeException taken = assertThrows(StatusRuntimeException.class, () -> server.accounts().updateUser(
        UpdateUserRequest.newBuilder().setUserId(other.getUserId()).setEmail(holder.getEmail())
            .setUpdateMask(FieldMask.newBuilder().addPaths("email")).build()));

    assertEquals(Status.Code.ALREADY_EXISTS, taken.getStatus().getCode());
    assertEquals(before, outboxSize());
  }

  private static User createUser(String name) {
    return server.accounts().createUser(CreateUserRequest.newBuilder().setEmail(name + "@example.com")
        .setDisplayName(name).build()).getUser();
  }

  /** The events about these subjects, in id (commit) order. */
  private static List<Event> events(Set<String> subjects) throws Exception {
    List<Event> events = new ArrayList<>();
    try (Connection connection = server.connect()) {
      for (OutboxContents.Row row : OutboxContents.rows(connection)) {
        Event event = Event.parseFrom(row.payload());
        assertEquals(row.eventId(), event.getEventId());
        if (subjects.contains(event.getSubjectId())) {
          events.add(event);
        }
      }
    }
    return events;
  }

  private static int outboxSize() throws Exception {
    try (Connection connection = server.connect()) {
      return OutboxContents.rows(connection).size();
    }
  }
}
