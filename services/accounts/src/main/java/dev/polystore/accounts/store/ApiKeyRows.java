package dev.polystore.accounts.store;

import dev.polystore.accounts.domain.ApiKey;
import dev.polystore.platform.postgres.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@link #COLUMNS} to an {@link ApiKey}; the secret hash is never read back. */
final class ApiKeyRows implements RowMapper<ApiKey> {
  static final String COLUMNS =
      "api_key_id, workspace_id, user_id, name, prefix, scopes, created_at, expires_at, revoked_at, last_used_at";

  @Override
  public ApiKey map(ResultSet row, StatementContext ctx) throws SQLException {
    String[] scopes = (String[]) row.getArray("scopes").getArray();
    return new ApiKey(Columns.uuid(row, "api_key_id"), Columns.uuid(row, "workspace_id"),
        Optional.ofNullable(Columns.uuid(row, "user_id")), row.getString("name"),
        row.getString("prefix"), List.of(scopes), Columns.instant(row, "created_at"),
        Columns.optionalInstant(row, "expires_at"), Columns.optionalInstant(row, "revoked_at"),
        Columns.optionalInstant(row, "last_used_at"));
  }
}
