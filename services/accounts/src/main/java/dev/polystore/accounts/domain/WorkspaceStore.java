package dev.polystore.accounts.domain;

import java.util.Optional;
import java.util.UUID;

/** Where workspaces are kept. */
public interface WorkspaceStore {

  /**
   * Inserts a workspace and its owner's membership together. ALREADY_EXISTS when the slug is taken
   * (a lost race).
   */
  Workspace insertWithOwner(UUID id, String slug, String name, UUID ownerUserId);

  /** A workspace for reading it back; may lag behind the latest writes by a moment. */
  Optional<Workspace> find(UUID id);

  /** Whether the workspace exists, as of the latest writes: for checks before a write. */
  boolean exists(UUID id);

  /** The workspace with this slug, as of the latest writes. */
  Optional<Workspace> findBySlug(String slug);
}
