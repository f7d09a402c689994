package dev.polystore.accounts.store;

import dev.polystore.accounts.domain.User;
import dev.polystore.platform.postgres.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@link #COLUMNS} to a {@link User}. */
final class UserRows implements RowMapper<User> {
  static final String COLUMNS = "user_id, email, display_name, created_at, updated_at, version";

  @Override
  public User map(ResultSet row, StatementContext ctx) throws SQLException {
    return new User(Columns.uuid(row, "user_id"), row.getString("email"), row.getString("display_name"),
        Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"), row.getLong("version"));
  }
}
