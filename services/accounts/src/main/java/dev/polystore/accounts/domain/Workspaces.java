package dev.polystore.accounts.domain;

import dev.polystore.platform.errors.ServiceException;
import java.util.UUID;

/** The rules for workspaces: unique slugs, and an owner who exists and becomes the first member. */
public final class Workspaces {
  private final WorkspaceStore store;
  private final UserStore users;

  public Workspaces(WorkspaceStore store, UserStore users) {
    this.store = store;
    this.users = users;
  }

  public Workspace create(String slug, String name, UUID ownerUserId) {
    // NOT_FOUND rather than INVALID_ARGUMENT: the request is well formed, the user is just not there.
    if (!users.exists(ownerUserId)) {
      throw ServiceException.notFound("user " + ownerUserId);
    }
    if (store.slugTaken(slug)) {
      throw ServiceException.alreadyExists("a workspace with slug " + slug + " already exists");
    }
    return store.insertWithOwner(UUID.randomUUID(), slug, name, ownerUserId);
  }

  public Workspace get(UUID id) {
    return store.find(id).orElseThrow(() -> ServiceException.notFound("workspace " + id));
  }
}
