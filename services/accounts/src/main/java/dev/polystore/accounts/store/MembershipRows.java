package dev.polystore.accounts.store;

import dev.polystore.accounts.domain.Membership;
import dev.polystore.accounts.domain.Role;
import dev.polystore.platform.postgres.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@link #COLUMNS} to a {@link Membership}; roles are stored as lowercase text. */
final class MembershipRows implements RowMapper<Membership> {
  static final String COLUMNS = "workspace_id, user_id, role, created_at";

  @Override
  public Membership map(ResultSet row, StatementContext ctx) throws SQLException {
    return new Membership(Columns.uuid(row, "workspace_id"), Columns.uuid(row, "user_id"),
        role(row.getString("role")), Columns.instant(row, "created_at"));
  }

  static String column(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  static Role role(String column) {
    return Role.valueOf(column.toUpperCase(Locale.ROOT));
  }
}
