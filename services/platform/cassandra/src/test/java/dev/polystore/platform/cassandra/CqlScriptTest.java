package dev.polystore.platform.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CqlScriptTest {

  @Test
  void splitsAtSemicolonsOutsideStringsNamesAndComments() {
    List<CqlStatement> statements = CqlScript.parse("""
        -- the events; newest first
        CREATE TABLE t (id text PRIMARY KEY, "odd;name" text); /* a ; in a comment */
        INSERT INTO t (id) VALUES ('it''s; fine');
        // trailing comment
        """);
    assertEquals(List.of(
        new CqlStatement("CREATE TABLE t (id text PRIMARY KEY, \"odd;name\" text)", Optional.empty()),
        new CqlStatement("INSERT INTO t (id) VALUES ('it''s; fine')", Optional.empty())), statements);
  }

  @Test
  void aMarkerCommentLimitsTheNextStatementToOneEngine() {
    List<CqlStatement> statements = CqlScript.parse("""
        CREATE TABLE t (id text PRIMARY KEY);
        -- Keyspaces takes TTLs only where enabled.
        -- keyspaces only
        ALTER TABLE t WITH custom_properties = {'ttl': {'status': 'enabled'}};
        -- Cassandra only
        ALTER TABLE t WITH gc_grace_seconds = 3600;
        DROP TABLE u
        """);
    assertEquals(4, statements.size());
    assertEquals(Optional.empty(), statements.get(0).only());
    assertEquals(Optional.of(CqlDialect.KEYSPACES), statements.get(1).only());
    assertEquals(Optional.of(CqlDialect.CASSANDRA), statements.get(2).only());
    assertEquals(new CqlStatement("DROP TABLE u", Optional.empty()), statements.get(3));
    assertEquals(false, statements.get(1).runsOn(CqlDialect.CASSANDRA));
    assertEquals(true, statements.get(1).runsOn(CqlDialect.KEYSPACES));
  }

  @Test
  void unclosedStringsAndDanglingMarkersAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> CqlScript.parse("INSERT INTO t (id) VALUES ('open);"));
    assertThrows(IllegalArgumentException.class, () -> CqlScript.parse("CREATE TABLE t (id text PRIMARY KEY);\n-- keyspaces only\n"));
  }
}
