package dev.polystore.accounts.store;

import dev.polystore.accounts.domain.EventTypes;
import dev.polystore.accounts.domain.Membership;
import dev.polystore.accounts.domain.MembershipStore;
import dev.polystore.accounts.domain.RemovalGuard;
import dev.polystore.accounts.domain.Role;
import dev.polystore.accounts.domain.UserWorkspace;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.paging.PageRequest;
import dev.polystore.platform.postgres.Columns;
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

/** Memberships in PostgreSQL. */
public final class JdbiMembershipStore implements MembershipStore {
  private static final MembershipRows ROWS = new MembershipRows();
  private static final WorkspaceRows WORKSPACES = new WorkspaceRows();

  private final Jdbi writer;
  private final Jdbi reader;

  private final OutboxWriter events;

  public JdbiMembershipStore(PostgresPools pools, OutboxWriter events) {
    this.writer = pools.writer();
    this.reader = pools.reader();
    this.events = events;
  }

  @Override
  public Membership insert(UUID workspaceId, UUID userId, Role role) {
    try {
      return writer.inTransaction(handle -> {
        Membership added = handle.createQuery(
                "INSERT INTO memberships (workspace_id, user_id, role) VALUES (:workspaceId, :userId, :role)"
                    + " RETURNING " + MembershipRows.COLUMNS)
            .bind("workspaceId", workspaceId)
            .bind("userId", userId)
            .bind("role", MembershipRows.column(role))
            .map(ROWS)
            .one();
        events.record(handle, EventTypes.MEMBER_ADDED, workspaceId, userId, null);
        return added;
      });
    } catch (JdbiException e) {
      throw UniqueViolation.translate(e, "memberships_pkey", () -> ServiceException.alreadyExists(
          "user " + userId + " is a member of workspace " + workspaceId + " already"));
    }
  }

  @Override
  public Optional<Membership> find(UUID workspaceId, UUID userId) {
    // Writer: checked before AddMember.
    return writer.withHandle(handle -> find(handle, workspaceId, userId));
  }

  @Override
  public void remove(UUID workspaceId, UUID userId, RemovalGuard guard) {
    writer.useTransaction(handle -> {
      // NO KEY UPDATE serialises removals in one workspace but not inserts of members, whose
      // foreign key check only takes KEY SHARE on the workspace row.
      handle.createQuery("SELECT workspace_id FROM workspaces WHERE workspace_id = :workspaceId FOR NO KEY UPDATE")
          .bind("workspaceId", workspaceId)
          .mapTo(UUID.class)
          .findOne();
      long owners = handle.createQuery(
              "SELECT count(*) FROM memberships WHERE workspace_id = :workspaceId AND role = :owner")
          .bind("workspaceId", workspaceId)
          .bind("owner", MembershipRows.column(Role.OWNER))
          .mapTo(Long.class)
          .one();
      // Throws to refuse; the transaction then rolls back having changed nothing.
      guard.check(find(handle, workspaceId, userId), owners);
      handle.createUpdate("DELETE FROM memberships WHERE workspace_id = :workspaceId AND user_id = :userId")
          .bind("workspaceId", workspaceId)
          .bind("userId", userId)
          .execute();
      events.record(handle, EventTypes.MEMBER_REMOVED, workspaceId, userId, null);
    });
  }

  @Override
  public List<Membership> listByWorkspace(UUID workspaceId, PageRequest page) {
    // Reader: a list may be a moment behind.
    return reader.withHandle(handle -> Keyset.bind(handle.createQuery(
                "SELECT " + MembershipRows.COLUMNS + " FROM memberships WHERE workspace_id = :workspaceId"
                    + Keyset.after(page, "created_at", "user_id")
                    + Keyset.orderAndLimit("created_at", "user_id")), page)
        .bind("workspaceId", workspaceId)
        .map(ROWS)
        .list());
  }

  @Override
  public List<UserWorkspace> listByUser(UUID userId, PageRequest page) {
    // Reader: a list may be a moment behind.
    return reader.withHandle(handle -> Keyset.bind(handle.createQuery(
                "SELECT w.workspace_id, w.slug, w.name, w.owner_user_id, w.created_at, w.updated_at,"
                    + " m.created_at AS joined_at"
                    + " FROM memberships m JOIN workspaces w ON w.workspace_id = m.workspace_id"
                    + " WHERE m.user_id = :userId"
                    + Keyset.after(page, "m.created_at", "m.workspace_id")
                    + Keyset.orderAndLimit("m.created_at", "m.workspace_id")), page)
        .bind("userId", userId)
        .map((row, ctx) -> new UserWorkspace(WORKSPACES.map(row, ctx), Columns.instant(row, "joined_at")))
        .list());
  }

  private static Optional<Membership> find(Handle handle, UUID workspaceId, UUID userId) {
    return handle.createQuery("SELECT " + MembershipRows.COLUMNS + " FROM memberships"
            + " WHERE workspace_id = :workspaceId AND user_id = :userId")
        .bind("workspaceId", workspaceId)
        .bind("userId", userId)
        .map(ROWS)
        .findOne();
  }
}
