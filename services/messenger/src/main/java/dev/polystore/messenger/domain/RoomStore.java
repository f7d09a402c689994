package dev.polystore.messenger.domain;

import dev.polystore.platform.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where rooms and their members are kept. */
public interface RoomStore {

  /**
   * Inserts a room with its first members; ALREADY_EXISTS when the name is taken (a lost race).
   * With a request id, claims it first in the same transaction: when an earlier call claimed it,
   * inserts nothing and returns that call's room as it is now.
   */
  Room insert(UUID id, UUID workspaceId, String name, List<UUID> memberIds, Optional<UUID> requestId);

  /** The room an earlier CreateRoom with this request id created, as of the latest writes. */
  Optional<Room> findByRequest(UUID requestId);

  /** The room if it is the workspace's, as of the latest writes; one of another workspace is empty. */
  Optional<Room> find(UUID workspaceId, UUID id);

  /** Whether the workspace has a room of this name ignoring case, as of the latest writes. */
  boolean nameTaken(UUID workspaceId, String name);

  /** A room's members in the order they joined, as of the latest writes. */
  List<RoomMember> members(UUID roomId);

  /** A workspace's rooms in (created, id) order after the cursor; may lag by a moment. */
  List<Room> listByWorkspace(UUID workspaceId, PageRequest page);

  /**
   * Adds a member once {@code guard} accepted the change. The room is locked from the guard's check
   * to the insert, so concurrent additions cannot overfill it. A room of another workspace is shown
   * to the guard as no room, and never locked.
   */
  RoomMember addMember(UUID workspaceId, UUID roomId, UUID userId, MembershipGuard guard);

  /**
   * Removes a member once {@code guard} accepted the change, under the same lock as posts to the
   * room, so no post of the user commits after the removal. A room of another workspace is shown to
   * the guard as no room.
   */
  void removeMember(UUID workspaceId, UUID roomId, UUID userId, MembershipGuard guard);
}
