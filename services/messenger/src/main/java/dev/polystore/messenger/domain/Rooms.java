package dev.polystore.messenger.domain;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.ids.RequestIds;
import dev.polystore.platform.ids.UuidV7;
import dev.polystore.platform.paging.KeysetCursor;
import dev.polystore.platform.paging.Page;
import dev.polystore.platform.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules for rooms: names unique in a workspace and not blank, at most {@link #MAX_MEMBERS}
 * members; a room is reached only through its workspace, and one of another workspace is NOT_FOUND
 * with the same message as one that does not exist.
 */
public final class Rooms {
  /** A room's member list is returned whole by GetRoom, so it stays small enough for one response. */
  public static final int MAX_MEMBERS = 1000;

  private final RoomStore store;
  private final UuidV7 ids;

  public Rooms(RoomStore store, UuidV7 ids) {
    this.store = store;
    this.ids = ids;
  }

  /**
   * Creates a room. With a request id that an earlier call used, returns that call's room instead
   * (as it is now), provided the workspace and name are the same.
   */
  public Room create(UUID workspaceId, String name, List<UUID> memberIds, Optional<UUID> requestId) {
    if (name.isBlank()) {
      throw ServiceException.invalid("name", "name.not_blank", "must not be only white space");
    }
    Optional<Room> first = requestId.flatMap(store::findByRequest);
    if (first.isPresent()) {
      return sameRequest(first.get(), workspaceId, name);
    }
    if (store.nameTaken(workspaceId, name)) {
      // A concurrent call with the same request id may have committed the room since the first
      // look: then this is its retry, not a second room of that name.
      Optional<Room> raced = requestId.flatMap(store::findByRequest);
      if (raced.isPresent()) {
        return sameRequest(raced.get(), workspaceId, name);
      }
      throw nameTaken(workspaceId, name);
    }
    Room room = store.insert(ids.next(), workspaceId, name, memberIds, requestId);
    return sameRequest(room, workspaceId, name);
  }

  public Room get(UUID workspaceId, UUID id) {
    return store.find(workspaceId, id).orElseThrow(() -> notFound(id));
  }

  /** The members of a room that {@link #get} found in its workspace. */
  public List<RoomMember> members(Room room) {
    return store.members(room.id());
  }

  /** A workspace unknown to this service has no rooms: an empty list, not NOT_FOUND. */
  public Page<Room> list(UUID workspaceId, int pageSize, String pageToken) {
    PageRequest page = PageRequest.of("rooms/" + workspaceId, pageSize, pageToken);
    return Page.of(page, store.listByWorkspace(workspaceId, page), room -> new KeysetCursor(room.createdAt(), room.id()));
  }

  public RoomMember addMember(UUID workspaceId, UUID roomId, UUID userId) {
    return store.addMember(workspaceId, roomId, userId, (room, member) -> {
      Room found = room.orElseThrow(() -> notFound(roomId));
      if (member) {
        throw ServiceException.alreadyExists("user " + userId + " is a member of room " + roomId + " already");
      }
      if (found.memberCount() >= MAX_MEMBERS) {
        throw ServiceException.failedPrecondition("room " + roomId + " has " + MAX_MEMBERS
            + " members, the most a room can have; remove one first");
      }
    });
  }

  public void removeMember(UUID workspaceId, UUID roomId, UUID userId) {
    store.removeMember(workspaceId, roomId, userId, (room, member) -> {
      if (room.isEmpty()) {
        throw notFound(roomId);
      }
      if (!member) {
        throw ServiceException.notFound("membership of user " + userId + " in room " + roomId);
      }
    });
  }

  /** The room, unless a reused request id came with another workspace or name. */
  private static Room sameRequest(Room room, UUID workspaceId, String name) {
    if (!room.workspaceId().equals(workspaceId) || !room.name().equals(name)) {
      throw RequestIds.reused();
    }
    return room;
  }

  /** The one answer for a room that is not there and a room of another workspace: it names no workspace. */
  static ServiceException notFound(UUID roomId) {
    return ServiceException.notFound("room " + roomId);
  }

  private static ServiceException nameTaken(UUID workspaceId, String name) {
    return ServiceException.alreadyExists("workspace " + workspaceId + " has a room named " + name + " already");
  }
}
