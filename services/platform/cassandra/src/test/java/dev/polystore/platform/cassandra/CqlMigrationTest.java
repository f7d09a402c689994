package dev.polystore.platform.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CqlMigrationTest {

  @Test
  void readsVersionAndStatementsFromAWellNamedFile() {
    CqlMigration migration = CqlMigration.of("V12__events_by_day.cql", bytes("CREATE TABLE a (k int PRIMARY KEY);")).orElseThrow();
    assertEquals(12, migration.version());
    assertEquals("V12__events_by_day.cql", migration.fileName());
    assertEquals(1, migration.statements().size());
  }

  @Test
  void otherNamesAreNotMigrations() {
    for (String name : new String[] {"V0__zero.cql", "V01__leading_zero.cql", "v1__lower.cql", "V1_one_underscore.cql",
        "V1__dash-ed.cql", "V1__events.sql", "migrations.sum"}) {
      assertEquals(Optional.empty(), CqlMigration.of(name, bytes("")), name);
    }
  }

  @Test
  void checksumIsTheMigrationsSumHashAndIgnoresLineEndings() {
    String lf = CqlMigration.of("V1__a.cql", bytes("CREATE TABLE a (k int PRIMARY KEY);\n")).orElseThrow().checksum();
    String crlf = CqlMigration.of("V1__a.cql", bytes("CREATE TABLE a (k int PRIMARY KEY);\r\n")).orElseThrow().checksum();
    String edited = CqlMigration.of("V1__a.cql", bytes("CREATE TABLE a (k bigint PRIMARY KEY);\n")).orElseThrow().checksum();
    assertEquals(lf, crlf);
    assertNotEquals(lf, edited);
    assertTrue(lf.matches("h1:[A-Za-z0-9+/]{43}="), lf);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
