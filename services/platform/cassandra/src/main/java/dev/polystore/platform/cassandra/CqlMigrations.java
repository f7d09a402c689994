package dev.polystore.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a service's CQL migrations ({@code classpath:cql/<service>/V<n>__<description>.cql})
 * once each, in version order, recording each with its checksum in {@code schema_migrations}.
 *
 * <ul>
 *   <li>An applied migration whose file changed stops start-up: change the schema with a new
 *       migration instead.
 *   <li>Instances that start together take turns through {@link MigrationLock}.
 *   <li>After each schema change it waits until the schema is usable ({@link SchemaSettling}).
 *   <li>Applied versions newer than any file are fine: a newer release migrated already, and this
 *       one must run beside it during a deploy.
 * </ul>
 *
 * <p>CQL has no transactions: a migration that fails halfway is retried from its first
 * statement, so statements are written to be re-runnable (IF NOT EXISTS).
 */
public final class CqlMigrations {
  static final String TABLE = "schema_migrations";
  private static final Logger log = LoggerFactory.getLogger(CqlMigrations.class);
  private static final Duration LOCK_PATIENCE = Duration.ofMinutes(5);

  private final String service;
  private final String keyspace;
  private final CqlDialect dialect;
  private final ClassLoader loader;
  private final Duration lockTtl;

  /** @param lockTtl how long the lock of an instance that died while migrating blocks the others */
  public CqlMigrations(String service, String keyspace, CqlDialect dialect, ClassLoader loader, Duration lockTtl) {
    this.service = service;
    this.keyspace = KeyspaceBootstrap.checkedName(keyspace);
    this.dialect = dialect;
    this.loader = loader;
    this.lockTtl = lockTtl;
  }

  /** Brings the schema of the session's keyspace up to date; returns how many migrations ran now. */
  public int apply(CqlSession session) {
    List<CqlMigration> migrations = CqlMigrationFiles.load(loader, service);
    createBookkeeping(session);
    int appliedNow = 0;
    try (MigrationLock lock = MigrationLock.acquire(session, lockTtl, LOCK_PATIENCE)) {
      NavigableMap<Integer, Row> applied = applied(session);
      int newestApplied = applied.isEmpty() ? 0 : applied.lastKey();
      verify(migrations, applied, newestApplied);
      for (CqlMigration migration : migrations) {
        if (!applied.containsKey(migration.version())) {
          run(session, migration, lock);
          appliedNow++;
        }
      }
      if (newestApplied > (migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version())) {
        log.info("{}: schema is at version {}, newer than this release's migrations", service, newestApplied);
      }
    }
    return appliedNow;
  }

  private void verify(List<CqlMigration> migrations, Map<Integer, Row> applied, int newestApplied) {
    for (CqlMigration migration : migrations) {
      Row row = applied.get(migration.version());
      if (row == null) {
        if (migration.version() < newestApplied) {
          throw new MigrationException(where(migration) + " is older than the applied version " + newestApplied
              + ": give it a version after " + newestApplied);
        }
        continue;
      }
      if (!migration.checksum().equals(row.getString("checksum"))
          || !migration.fileName().equals(row.getString("file_name"))) {
        throw new MigrationException(where(migration) + " was edited after it was applied as "
            + row.getString("file_name") + " (checksum " + row.getString("checksum") + ", now "
            + migration.checksum() + "): restore it and change the schema in a new migration");
      }
    }
    int newestFile = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    for (Map.Entry<Integer, Row> row : applied.entrySet()) {
      boolean known = migrations.stream().anyMatch(m -> m.version() == row.getKey());
      if (!known && row.getKey() < newestFile) {
        throw new MigrationException("cql/" + service + "/" + row.getValue().getString("file_name")
            + " was applied but is gone from this release");
      }
    }
  }

  private void run(CqlSession session, CqlMigration migration, MigrationLock lock) {
    long began = System.nanoTime();
    for (CqlStatement statement : migration.statements()) {
      if (!statement.runsOn(dialect)) {
        continue;
      }
      ResultSet result;
      try {
        result = session.execute(SimpleStatement.newInstance(statement.cql())
            .setExecutionProfileName(CassandraDriverConfig.DDL));
      } catch (RuntimeException e) {
        throw new MigrationException(where(migration) + " failed at '" + firstLine(statement.cql()) + "': "
            + e.getMessage());
      }
      if (isSchemaChange(statement.cql())) {
        SchemaSettling.await(session, dialect, keyspace, result, DdlTarget.of(statement.cql()), lock::renewIfDue);
      }
      lock.renewIfDue();
    }
    session.execute(SimpleStatement.newInstance(
        "INSERT INTO " + TABLE + " (version, file_name, checksum, applied_at) VALUES (?, ?, ?, ?)",
        migration.version(), migration.fileName(), migration.checksum(), Instant.now()));
    log.info("{}: applied {} to keyspace {} in {} ms", service, migration.fileName(), keyspace,
        (System.nanoTime() - began) / 1_000_000);
  }

  /** The bookkeeping tables, created only when missing, before the lock that lives in one of them. */
  private void createBookkeeping(CqlSession session) {
    createIfMissing(session, TABLE,
        "CREATE TABLE IF NOT EXISTS " + TABLE
            + " (version int PRIMARY KEY, file_name text, checksum text, applied_at timestamp)");
    // Keyspaces takes the lock row's TTL only on a table with TTL enabled.
    createIfMissing(session, MigrationLock.TABLE,
        "CREATE TABLE IF NOT EXISTS " + MigrationLock.TABLE
            + " (name text PRIMARY KEY, owner text, acquired_at timestamp)"
            + (dialect == CqlDialect.KEYSPACES ? " WITH custom_properties = {'ttl': {'status': 'enabled'}}" : ""));
  }

  private void createIfMissing(CqlSession session, String table, String ddl) {
    boolean exists = session.getMetadata().getKeyspace(keyspace)
        .flatMap(metadata -> metadata.getTable(table)).isPresent();
    if (!exists) {
      ResultSet result = session.execute(SimpleStatement.newInstance(ddl)
          .setExecutionProfileName(CassandraDriverConfig.DDL));
      SchemaSettling.await(session, dialect, keyspace, result, DdlTarget.of(ddl), () -> { });
    }
  }

  private static NavigableMap<Integer, Row> applied(CqlSession session) {
    NavigableMap<Integer, Row> applied = new TreeMap<>();
    for (Row row : session.execute("SELECT version, file_name, checksum FROM " + TABLE)) {
      applied.put(row.getInt("version"), row);
    }
    return applied;
  }

  private String where(CqlMigration migration) {
    return "cql/" + service + "/" + migration.fileName();
  }

  private static boolean isSchemaChange(String cql) {
    String keyword = cql.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    return keyword.equals("CREATE") || keyword.equals("ALTER") || keyword.equals("DROP");
  }

  private static String firstLine(String cql) {
    int newline = cql.indexOf('\n');
    return newline < 0 ? cql : cql.substring(0, newline) + " ...";
  }
}
