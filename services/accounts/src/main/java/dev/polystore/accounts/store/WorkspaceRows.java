package dev.polystore.accounts.store;

import dev.polystore.accounts.domain.Workspace;
import dev.polystore.platform.postgres.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@link #COLUMNS} to a {@link Workspace}. */
final class WorkspaceRows implements RowMapper<Workspace> {
  static final String COLUMNS = "workspace_id, slug, name, owner_user_id, created_at, updated_at";

  @Override
  public Workspace map(ResultSet row, StatementContext ctx) throws SQLException {
    return new Workspace(Columns.uuid(row, "workspace_id"), row.getString("slug"), row.getString("name"),
        Columns.uuid(row, "owner_user_id"), Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"));
  }
}
