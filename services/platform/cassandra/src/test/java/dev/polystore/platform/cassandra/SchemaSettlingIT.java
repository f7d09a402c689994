package dev.polystore.platform.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.polystore.devstack.Devstack;
import dev.polystore.platform.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schema settling as it runs on Amazon Keyspaces, against the tables Keyspaces reports DDL in
 * (system_schema_mcs), played by a keyspace of that name on devstack's Cassandra: a new table is
 * first not listed at all, then CREATING, then ACTIVE, and its TTL is switched on after that.
 */
class SchemaSettlingIT {
  private static final CassandraConfig CONFIG = CassandraConfig.fromEnv(new Env(Devstack.cassandra().env()));
  private static final String KEYSPACE = "settling_it";
  private static CqlSession session;

  @BeforeAll
  static void createKeyspacesSchemaTables() {
    session = CqlSession.builder().withConfigLoader(CassandraDriverConfig.loader(CONFIG, "settling-it")).build();
    ddl("CREATE KEYSPACE IF NOT EXISTS system_schema_mcs WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    ddl("CREATE TABLE IF NOT EXISTS system_schema_mcs.keyspaces (keyspace_name text PRIMARY KEY)");
    ddl("CREATE TABLE IF NOT EXISTS system_schema_mcs.tables (keyspace_name text, table_name text, status text,"
        + " custom_properties map<text, frozen<map<text, text>>>, PRIMARY KEY ((keyspace_name), table_name))");
    session.execute(SimpleStatement.newInstance("INSERT INTO system_schema_mcs.keyspaces (keyspace_name) VALUES (?)", KEYSPACE));
    table("older", "ACTIVE", Map.of());
  }

  @AfterAll
  static void dropThem() {
    ddl("DROP KEYSPACE IF EXISTS system_schema_mcs");
    session.close();
  }

  @Test
  void keyspacesWaitsUntilTheNewTableIsListedActiveAndHasTtl() {
    // Keyspaces' side of a CREATE TABLE and an ALTER enabling TTL, step by step while the migration waits.
    CompletableFuture<Void> keyspaces = CompletableFuture.runAsync(() -> {
      Sleep.of(Duration.ofSeconds(1));
      table("things", "CREATING", Map.of());
      Sleep.of(Duration.ofSeconds(1));
      table("things", "ACTIVE", Map.of());
      Sleep.of(Duration.ofSeconds(1));
      table("things", "ACTIVE", Map.of("ttl", Map.of("status", "enabled")));
    });

    SchemaSettling.await(session, CqlDialect.KEYSPACES, KEYSPACE, null,
        DdlTarget.of("ALTER TABLE things WITH custom_properties = {'ttl': {'status': 'enabled'}}"), () -> { });

    Row things = session.execute(SimpleStatement.newInstance(
        "SELECT status, custom_properties FROM system_schema_mcs.tables WHERE keyspace_name = ? AND table_name = 'things'",
        KEYSPACE)).one();
    assertNotNull(things, "returned before the table was listed");
    assertEquals("ACTIVE", things.getString("status"));
    assertEquals(Map.of("ttl", Map.of("status", "enabled")), things.getObject("custom_properties"));
    keyspaces.join();
  }

  private static void table(String name, String status, Map<String, Map<String, String>> properties) {
    session.execute(SimpleStatement.newInstance("INSERT INTO system_schema_mcs.tables (keyspace_name, table_name, status,"
        + " custom_properties) VALUES (?, ?, ?, ?)", KEYSPACE, name, status, properties));
  }

  private static void ddl(String cql) {
    session.execute(SimpleStatement.newInstance(cql).setExecutionProfileName(CassandraDriverConfig.DDL));
  }
}
