package dev.polystore.messenger.store;

import dev.polystore.messenger.domain.MembershipGuard;
import dev.polystore.messenger.domain.EventTypes;
import dev.polystore.messenger.domain.Room;
import dev.polystore.messenger.domain.RoomMember;
import dev.polystore.messenger.domain.RoomStore;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.paging.PageRequest;
import dev.polystore.platform.postgres.CreateRequests;
import dev.polystore.platform.postgres.Keyset;
import dev.polystore.platform.postgres.OutboxWriter;
import dev.polystore.platform.postgres.PostgresPools;
import dev.polystore.platform.postgres.UniqueViolation;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Rooms and their members in PostgreSQL. */
public final class JdbiRoomStore implements RoomStore {
  private static final RoomRows ROOMS = new RoomRows();
  private static final RoomMemberRows MEMBERS = new RoomMemberRows();

  static final String FIND = "SELECT " + RoomRows.COLUMNS + " FROM rooms r WHERE r.room_id = :roomId";
  /** A room of the workspace only: one of another workspace is not found, as if it did not exist. */
  static final String FIND_IN_WORKSPACE = FIND + " AND r.workspace_id = :workspaceId";
  /**
   * The lock that orders a room's membership changes and posts. NO KEY UPDATE leaves room_members'
   * foreign key checks, which take KEY SHARE, unblocked. It reads nothing else: a statement that
   * waited for the lock still sees its snapshot from before the wait, so what the lock protects is
   * read by the statements after it. A room of another workspace is neither found nor locked.
   */
  static final String LOCK = PostSql.NAMED.lock();
  static final String IS_MEMBER =
      "SELECT EXISTS (SELECT 1 FROM room_members WHERE room_id = :roomId AND user_id = :userId)";
  static final String MEMBERS_OF = "SELECT " + RoomMemberRows.COLUMNS + " FROM room_members"
      + " WHERE room_id = :roomId ORDER BY created_at, user_id";

  /** The method name under which CreateRoom's request ids are kept. */
  static final String CREATE_ROOM = "CreateRoom";

  private final Jdbi writer;
  private final Jdbi reader;
  private final OutboxWriter events;

  public JdbiRoomStore(PostgresPools pools, OutboxWriter events) {
    this.writer = pools.writer();
    this.reader = pools.reader();
    this.events = events;
  }

  @Override
  public Room insert(UUID id, UUID workspaceId, String name, List<UUID> memberIds, Optional<UUID> requestId) {
    try {
      // One transaction: a room is never seen without its first members, nor its request id
      // without the room.
      return writer.inTransaction(handle -> {
        if (requestId.isPresent()) {
          Optional<CreateRequests.FirstResult> first = CreateRequests.claim(handle, CREATE_ROOM, requestId.get(), id,
              Optional.empty());
          if (first.isPresent()) {
            return find(handle, first.get().resourceId()).orElseThrow();
          }
        }
        handle.createUpdate("INSERT INTO rooms (room_id, workspace_id, name) VALUES (:roomId, :workspaceId, :name)")
            .bind("roomId", id)
            .bind("workspaceId", workspaceId)
            .bind("name", name)
            .execute();
        // One statement for up to a thousand members.
        handle.createUpdate("INSERT INTO room_members (room_id, user_id) SELECT :roomId, unnest(:userIds)")
            .bind("roomId", id)
            .bindArray("userIds", UUID.class, memberIds)
            .execute();
        events.record(handle, EventTypes.ROOM_CREATED, workspaceId, id, null);
        return find(handle, id).orElseThrow();
      });
    } catch (JdbiException e) {
      throw UniqueViolation.translate(e, "rooms_workspace_id_name_key", () -> ServiceException.alreadyExists(
          "workspace " + workspaceId + " has a room named " + name + " already"));
    }
  }

  @Override
  public Optional<Room> findByRequest(UUID requestId) {
    // Writer: a retry must see the first call's commit.
    return writer.withHandle(handle -> CreateRequests.find(handle, CREATE_ROOM, requestId)
        .flatMap(first -> find(handle, first.resourceId())));
  }

  @Override
  public Optional<Room> find(UUID workspaceId, UUID id) {
    // Writer: GetRoom right after CreateRoom or AddRoomMember must see that write, and so must the
    // checks before writes.
    return writer.withHandle(handle -> handle.createQuery(FIND_IN_WORKSPACE)
        .bind("roomId", id)
        .bind("workspaceId", workspaceId)
        .map(ROOMS)
        .findOne());
  }

  @Override
  public boolean nameTaken(UUID workspaceId, String name) {
    // Writer: checked before CreateRoom. lower() as in the unique index, which this lookup uses.
    return writer.withHandle(handle -> handle.createQuery(
            "SELECT EXISTS (SELECT 1 FROM rooms WHERE workspace_id = :workspaceId AND lower(name) = lower(:name))")
        .bind("workspaceId", workspaceId)
        .bind("name", name)
        .mapTo(Boolean.class)
        .one());
  }

  @Override
  public List<RoomMember> members(UUID roomId) {
    // Writer: GetRoom right after AddRoomMember must list the new member.
    return writer.withHandle(handle -> handle.createQuery(MEMBERS_OF)
        .bind("roomId", roomId)
        .map(MEMBERS)
        .list());
  }

  @Override
  public List<Room> listByWorkspace(UUID workspaceId, PageRequest page) {
    // Reader: a list may be a moment behind.
    return reader.withHandle(handle -> Keyset.bind(handle.createQuery(listSql(page)), page)
        .bind("workspaceId", workspaceId)
        .map(ROOMS)
        .list());
  }

  @Override
  public RoomMember addMember(UUID workspaceId, UUID roomId, UUID userId, MembershipGuard guard) {
    return writer.inTransaction(handle -> {
      lockAndCheck(handle, workspaceId, roomId, userId, guard);
      RoomMember added = handle.createQuery("INSERT INTO room_members (room_id, user_id) VALUES (:roomId, :userId)"
              + " RETURNING " + RoomMemberRows.COLUMNS)
          .bind("roomId", roomId)
          .bind("userId", userId)
          .map(MEMBERS)
          .one();
      events.record(handle, EventTypes.ROOM_MEMBER_ADDED, workspaceId, roomId, added);
      return added;
    });
  }

  @Override
  public void removeMember(UUID workspaceId, UUID roomId, UUID userId, MembershipGuard guard) {
    writer.useTransaction(handle -> {
      lockAndCheck(handle, workspaceId, roomId, userId, guard);
      handle.createUpdate("DELETE FROM room_members WHERE room_id = :roomId AND user_id = :userId")
          .bind("roomId", roomId)
          .bind("userId", userId)
          .execute();
      events.record(handle, EventTypes.ROOM_MEMBER_REMOVED, workspaceId, roomId, null);
    });
  }

  static String listSql(PageRequest page) {
    return "SELECT " + RoomRows.COLUMNS + " FROM rooms r WHERE r.workspace_id = :workspaceId"
        + Keyset.after(page, "r.created_at", "r.room_id") + Keyset.orderAndLimit("r.created_at", "r.room_id");
  }

  /** Locks the workspace's room, then lets the guard see it; the guard throws to refuse, which rolls back. */
  private static void lockAndCheck(Handle handle, UUID workspaceId, UUID roomId, UUID userId,
      MembershipGuard guard) {
    boolean locked = lock(handle, workspaceId, roomId);
    Optional<Room> room = locked ? find(handle, roomId) : Optional.empty();
    boolean member = locked && handle.createQuery(IS_MEMBER)
        .bind("roomId", roomId)
        .bind("userId", userId)
        .mapTo(Boolean.class)
        .one();
    guard.check(room, member);
  }

  /** Takes the room's lock until the transaction ends; false when the workspace has no such room. */
  static boolean lock(Handle handle, UUID workspaceId, UUID roomId) {
    return handle.createQuery(LOCK)
        .bind("roomId", roomId)
        .bind("workspaceId", workspaceId)
        .mapTo(UUID.class)
        .findOne()
        .isPresent();
  }

  private static Optional<Room> find(Handle handle, UUID id) {
    return handle.createQuery(FIND).bind("roomId", id).map(ROOMS).findOne();
  }
}
