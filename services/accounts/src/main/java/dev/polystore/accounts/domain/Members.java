package dev.polystore.accounts.domain;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.paging.KeysetCursor;
import dev.polystore.platform.paging.Page;
import dev.polystore.platform.paging.PageRequest;
import java.util.List;
import java.util.UUID;

/** The rules for memberships: each user once per workspace, and never a workspace without an owner. */
public final class Members {
  private final MembershipStore store;
  private final WorkspaceStore workspaces;
  private final UserStore users;

  public Members(MembershipStore store, WorkspaceStore workspaces, UserStore users) {
    this.store = store;
    this.workspaces = workspaces;
    this.users = users;
  }

  public Membership add(UUID workspaceId, UUID userId, Role role) {
    if (!workspaces.exists(workspaceId)) {
      throw ServiceException.notFound("workspace " + workspaceId);
    }
    if (!users.exists(userId)) {
      throw ServiceException.notFound("user " + userId);
    }
    if (store.find(workspaceId, userId).isPresent()) {
      throw alreadyMember(workspaceId, userId);
    }
    return store.insert(workspaceId, userId, role);
  }

  public void remove(UUID workspaceId, UUID userId) {
    store.remove(workspaceId, userId, (membership, owners) -> {
      if (membership.isEmpty()) {
        throw ServiceException.notFound("membership of user " + userId + " in workspace " + workspaceId);
      }
      if (membership.get().role() == Role.OWNER && owners <= 1) {
        throw ServiceException.failedPrecondition("user " + userId + " is the last owner of workspace "
            + workspaceId + "; make another member owner first");
      }
    });
  }

  public Page<Membership> list(UUID workspaceId, int pageSize, String pageToken) {
    PageRequest page = PageRequest.of("members/" + workspaceId, pageSize, pageToken);
    List<Membership> rows = store.listByWorkspace(workspaceId, page);
    // An empty first page is the only sign of a missing workspace (a real one has an owner).
    if (rows.isEmpty() && page.after().isEmpty() && !workspaces.exists(workspaceId)) {
      throw ServiceException.notFound("workspace " + workspaceId);
    }
    return Page.of(page, rows, m -> new KeysetCursor(m.createdAt(), m.userId()));
  }

  public Page<UserWorkspace> workspacesOf(UUID userId, int pageSize, String pageToken) {
    PageRequest page = PageRequest.of("workspaces-of/" + userId, pageSize, pageToken);
    List<UserWorkspace> rows = store.listByUser(userId, page);
    if (rows.isEmpty() && page.after().isEmpty() && !users.exists(userId)) {
      throw ServiceException.notFound("user " + userId);
    }
    return Page.of(page, rows, w -> new KeysetCursor(w.joinedAt(), w.workspace().id()));
  }

  private static ServiceException alreadyMember(UUID workspaceId, UUID userId) {
    return ServiceException.alreadyExists("user " + userId + " is a member of workspace " + workspaceId + " already");
  }
}
