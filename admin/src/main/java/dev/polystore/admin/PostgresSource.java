package dev.polystore.admin;

import dev.polystore.platform.config.Env;
import dev.polystore.platform.postgres.PostgresConfig;
import dev.polystore.platform.postgres.PostgresPools;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A service's PostgreSQL database, reached with the gateway's own settings and binding (TLS, IAM
 * tokens, password files alike). Two things differ: no statement or socket timeout, since one COPY
 * of a large table runs for minutes, and a pool of at most two connections.
 */
public final class PostgresSource implements AutoCloseable {
  private final PostgresPools pools;

  public PostgresSource(Map<String, String> env, String database) {
    Map<String, String> values = new HashMap<>(env);
    values.put(PostgresConfig.STATEMENT_TIMEOUT, "0");
    values.put(PostgresConfig.SOCKET_TIMEOUT, "0");
    values.put("DB_MAX_CONNECTIONS", "2");
    values.put("DB_MIN_CONNECTIONS", "0");
    this.pools = new PostgresPools(PostgresConfig.fromEnv(new Env(values), database), "polystore-admin");
  }

  public Connection connect() throws SQLException {
    return pools.writerDataSource().getConnection();
  }

  public PostgresPools pools() {
    return pools;
  }

  public String describe() {
    return pools.config().writer().describe(pools.config().database());
  }

  @Override
  public void close() {
    pools.close();
  }
}
