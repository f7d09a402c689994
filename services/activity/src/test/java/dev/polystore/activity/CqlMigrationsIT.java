package dev.polystore.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.polystore.devstack.Devstack;
import dev.polystore.platform.cassandra.CassandraConfig;
import dev.polystore.platform.cassandra.CassandraDriverConfig;
import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.cassandra.CqlDialect;
import dev.polystore.platform.cassandra.CqlMigrations;
import dev.polystore.platform.cassandra.MigrationException;
import dev.polystore.platform.config.Env;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's CQL migration runner against devstack's real Cassandra, each test in a keyspace of
 * its own. It lives with the first service on Cassandra: the platform's own tests need no store.
 */
class CqlMigrationsIT {
  private static final String SERVICE = "svc";

  private static final CassandraConfig CONFIG = CassandraConfig.fromEnv(new Env(Devstack.cassandra().env()));
  private static CqlSession admin;

  private final String keyspace = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private final List<CqlSession> sessions = new ArrayList<>();

  @TempDir
  Path classes;

  @BeforeAll
  static void connect() {
    admin = CqlSession.builder().withConfigLoader(CassandraDriverConfig.loader(CONFIG, "it-admin")).build();
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @AfterEach
  void dropKeyspace() {
    sessions.forEach(CqlSession::close);
    ddl("DROP KEYSPACE IF EXISTS " + keyspace);
  }

  @Test
  void appliesEachMigrationOnceAndRecordsItsChecksum() throws IOException {
    write("V1__things.cql", "CREATE TABLE IF NOT EXISTS things (id text PRIMARY KEY, n int);");
    write("V2__more.cql", """
        ALTER TABLE things ADD label text;
        -- keyspaces only
        ALTER TABLE things WITH custom_properties = {'ttl': {'status': 'enabled'}};
        INSERT INTO things (id, n, label) VALUES ('seed', 1, 'from V2');
        """);
    CqlSession session = session();

    assertEquals(2, migrations().apply(session));
    assertEquals(0, migrations().apply(session));

    List<Row> recorded = session.execute("SELECT version, file_name, checksum FROM schema_migrations").all();
    assertEquals(2, recorded.size());
    for (Row row : recorded) {
      assertTrue(row.getString("checksum").startsWith("h1:"), row.getFormattedContents());
    }
    assertEquals("from V2", session.execute("SELECT label FROM things WHERE id = 'seed'").one().getString("label"));
  }

  @Test
  void anEditedAppliedMigrationStopsStartUpAndAppliesNothingAfterIt() throws IOException {
    write("V1__things.cql", "CREATE TABLE IF NOT EXISTS things (id text PRIMARY KEY);");
    CqlSession session = session();
    migrations().apply(session);

    write("V1__things.cql", "CREATE TABLE IF NOT EXISTS things (id text PRIMARY KEY, extra text);");
    write("V2__later.cql", "CREATE TABLE IF NOT EXISTS later (id text PRIMARY KEY);");
    MigrationException stopped = assertThrows(MigrationException.class, () -> migrations().apply(session));

    assertTrue(stopped.getMessage().contains("cql/svc/V1__things.cql was edited after it was applied"), stopped.getMessage());
    assertFalse(tableExists(session, "later"));
    assertEquals(1, session.execute("SELECT version FROM schema_migrations").all().size());
  }

  @Test
  void instancesStartedTogetherApplyEachMigrationOnce() throws Exception {
    // A counter update is not idempotent: applied twice, the count would be 2.
    write("V1__runs.cql", "CREATE TABLE IF NOT EXISTS runs (id text PRIMARY KEY, n counter);");
    write("V2__count.cql", "UPDATE runs SET n = n + 1 WHERE id = 'v2';");
    session(); // creates the keyspace before the race
    List<Callable<Integer>> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CqlSession own = session();
      instances.add(() -> migrations().apply(own));
    }
    ExecutorService pool = Executors.newFixedThreadPool(instances.size());
    int applied = 0;
    try {
      for (Future<Integer> result : pool.invokeAll(instances)) {
        applied += result.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(2, applied);
    assertEquals(1L, sessions.get(0).execute("SELECT n FROM runs WHERE id = 'v2'").one().getLong("n"));
  }

  @Test
  void aReleaseOlderThanTheSchemaStillStarts() throws IOException {
    write("V1__things.cql", "CREATE TABLE IF NOT EXISTS things (id text PRIMARY KEY);");
    write("V2__newer.cql", "CREATE TABLE IF NOT EXISTS newer (id text PRIMARY KEY);");
    CqlSession session = session();
    migrations().apply(session);

    Files.delete(classes.resolve("cql/svc/V2__newer.cql"));

    assertEquals(0, migrations().apply(session));
  }

  @Test
  void aStoreCreatesItsKeyspaceAndReportsReachableOnceMigrated() {
    try (CassandraStore store = new CassandraStore("activity", keyspace, CONFIG)) {
      assertFalse(store.isReachable());
      store.migrate();
      assertTrue(store.isReachable());
      assertTrue(tableExists(store.session(), "events_by_day"));
      store.migrate(); // a second start applies nothing and does not fail
    }
  }

  private CqlMigrations migrations() {
    try {
      ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
      return new CqlMigrations(SERVICE, keyspace, CqlDialect.CASSANDRA, loader, Duration.ofMinutes(2));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void write(String file, String cql) throws IOException {
    Path folder = Files.createDirectories(classes.resolve("cql").resolve(SERVICE));
    Files.writeString(folder.resolve(file), cql);
  }

  /** A session bound to the test's keyspace, created on first use as the store would. */
  private CqlSession session() {
    ddl("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    CqlSession session = CqlSession.builder().withConfigLoader(CassandraDriverConfig.loader(CONFIG, "it"))
        .withKeyspace(CqlIdentifier.fromCql(keyspace)).build();
    sessions.add(session);
    return session;
  }

  private static void ddl(String cql) {
    admin.execute(SimpleStatement.newInstance(cql).setExecutionProfileName(CassandraDriverConfig.DDL));
  }

  private boolean tableExists(CqlSession session, String table) {
    return session.getMetadata().getKeyspace(keyspace).flatMap(k -> k.getTable(table)).isPresent();
  }

}
