package dev.polystore.platform.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * A failover seen from the writer pool: SQLSTATE 25006 (read_only_sql_transaction) means this
 * connection reached an instance that is no longer the writer, and so did every connection opened
 * before the failover (Aurora demotes the old writer in place; a cached DNS answer sends new
 * connections there too). The connection is evicted and the rest of the pool soft-evicted, so
 * new connections are opened, and {@code targetServerType=primary} refuses those that still land
 * on a reader. HikariCP by itself evicts only on connection errors (08xxx, 57P0x).
 */
final class ReadOnlyWriter implements SQLExceptionOverride {
  static final String READ_ONLY_TRANSACTION = "25006";

  private final Supplier<HikariDataSource> pool;

  /** {@code pool} is asked lazily: the override is configured before the pool exists. */
  ReadOnlyWriter(Supplier<HikariDataSource> pool) {
    this.pool = pool;
  }

  @java.lang.Override
  public SQLExceptionOverride.Override adjudicate(SQLException failure) {
    if (!READ_ONLY_TRANSACTION.equals(failure.getSQLState())) {
      return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
    HikariDataSource dataSource = pool.get();
    if (dataSource != null && dataSource.getHikariPoolMXBean() != null) {
      dataSource.getHikariPoolMXBean().softEvictConnections();
    }
    return SQLExceptionOverride.Override.MUST_EVICT;
  }
}
