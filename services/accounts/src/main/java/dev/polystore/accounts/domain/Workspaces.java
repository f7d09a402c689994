package dev.polystore.accounts.domain;

import dev.polystore.platform.errors.ServiceException;
import java.util.Optional;
import java.util.UUID;

/** The rules for workspaces: unique slugs, and an owner who exists and becomes the first member. */
public final class Workspaces {
  private final WorkspaceStore store;
  private final UserStore users;

  public Workspaces(WorkspaceStore store, UserStore users) {
    this.store = store;
    this.users = users;
  }

  /**
   * Creates a workspace. Idempotent on the slug: when a workspace with this slug, name and owner
   * exists already, a retry returns it; another name or owner is ALREADY_EXISTS.
   */
  public Workspace create(String slug, String name, UUID ownerUserId) {
    Optional<Workspace> existing = store.findBySlug(slug);
    if (existing.isPresent()) {
      return sameRequest(existing.get(), name, ownerUserId);
    }
    // NOT_FOUND rather than INVALID_ARGUMENT: the request is well formed, the user is just not there.
    if (!users.exists(ownerUserId)) {
      throw ServiceException.notFound("user " + ownerUserId);
    }
    try {
      return store.insertWithOwner(UUID.randomUUID(), slug, name, ownerUserId);
    } catch (ServiceException e) {
      // A concurrent call took the slug first: the same request's retry gets its workspace.
      if (e.reason() != ServiceException.Reason.ALREADY_EXISTS) {
        throw e;
      }
      return sameRequest(store.findBySlug(slug).orElseThrow(() -> e), name, ownerUserId);
    }
  }

  /** The workspace a retry of the same create gets, or ALREADY_EXISTS when the slug is someone else's. */
  private static Workspace sameRequest(Workspace existing, String name, UUID ownerUserId) {
    if (!existing.name().equals(name) || !existing.ownerUserId().equals(ownerUserId)) {
      throw ServiceException.alreadyExists("a workspace with slug " + existing.slug() + " already exists");
    }
    return existing;
  }

  public Workspace get(UUID id) {
    return store.find(id).orElseThrow(() -> ServiceException.notFound("workspace " + id));
  }
}
