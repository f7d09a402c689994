package dev.polystore.accounts.store;

import dev.polystore.accounts.domain.EventTypes;
import dev.polystore.accounts.domain.Role;
import dev.polystore.accounts.domain.Workspace;
import dev.polystore.accounts.domain.WorkspaceStore;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.postgres.OutboxWriter;
import dev.polystore.platform.postgres.PostgresPools;
import dev.polystore.platform.postgres.UniqueViolation;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Workspaces in PostgreSQL. */
public final class JdbiWorkspaceStore implements WorkspaceStore {
  private static final WorkspaceRows ROWS = new WorkspaceRows();

  private final Jdbi writer;
  private final Jdbi reader;

  private final OutboxWriter events;

  public JdbiWorkspaceStore(PostgresPools pools, OutboxWriter events) {
    this.writer = pools.writer();
    this.reader = pools.reader();
    this.events = events;
  }

  @Override
  public Workspace insertWithOwner(UUID id, String slug, String name, UUID ownerUserId) {
    try {
      // One transaction: a workspace is never seen without its first owner.
      return writer.inTransaction(handle -> {
        Workspace workspace = handle.createQuery(
                "INSERT INTO workspaces (workspace_id, slug, name, owner_user_id) VALUES (:id, :slug, :name, :owner)"
                    + " RETURNING " + WorkspaceRows.COLUMNS)
            .bind("id", id)
            .bind("slug", slug)
            .bind("name", name)
            .bind("owner", ownerUserId)
            .map(ROWS)
            .one();
        handle.createUpdate("INSERT INTO memberships (workspace_id, user_id, role) VALUES (:id, :owner, :role)")
            .bind("id", id)
            .bind("owner", ownerUserId)
            .bind("role", MembershipRows.column(Role.OWNER))
            .execute();
        events.record(handle, EventTypes.WORKSPACE_CREATED, id, id, null);
        return workspace;
      });
    } catch (JdbiException e) {
      throw UniqueViolation.translate(e, "workspaces_slug_key",
          () -> ServiceException.alreadyExists("a workspace with slug " + slug + " already exists"));
    }
  }

  @Override
  public Optional<Workspace> find(UUID id) {
    // Writer: a caller reads the workspace it just created (a replica may lag); one row by key is cheap.
    return writer.withHandle(handle -> handle.createQuery(
            "SELECT " + WorkspaceRows.COLUMNS + " FROM workspaces WHERE workspace_id = :id")
        .bind("id", id)
        .map(ROWS)
        .findOne());
  }

  @Override
  public boolean exists(UUID id) {
    // Writer: checked before writes, which must not miss a workspace created a moment ago.
    return writer.withHandle(handle -> handle.createQuery(
            "SELECT EXISTS (SELECT 1 FROM workspaces WHERE workspace_id = :id)")
        .bind("id", id)
        .mapTo(Boolean.class)
        .one());
  }

  @Override
  public Optional<Workspace> findBySlug(String slug) {
    // Writer: checked before CreateWorkspace, and a retry must see the first call's commit.
    return writer.withHandle(handle -> handle.createQuery(
            "SELECT " + WorkspaceRows.COLUMNS + " FROM workspaces WHERE slug = :slug")
        .bind("slug", slug)
        .map(ROWS)
        .findOne());
  }
}
