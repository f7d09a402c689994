package dev.polystore.accounts.domain;

import dev.polystore.platform.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where memberships are kept. */
public interface MembershipStore {

  /** Adds a member; ALREADY_EXISTS when the user is a member already (a lost race). */
  Membership insert(UUID workspaceId, UUID userId, Role role);

  /** The membership as of the latest writes. */
  Optional<Membership> find(UUID workspaceId, UUID userId);

  /**
   * Removes a membership once {@code guard} accepted it. The workspace is locked from the guard's
   * check to the delete, so two removals of two owners cannot both see "another owner is left".
   */
  void remove(UUID workspaceId, UUID userId, RemovalGuard guard);

  /** A workspace's members in (joined, user id) order after the cursor; may lag by a moment. */
  List<Membership> listByWorkspace(UUID workspaceId, PageRequest page);

  /** A user's workspaces in (joined, workspace id) order after the cursor; may lag by a moment. */
  List<UserWorkspace> listByUser(UUID userId, PageRequest page);
}
