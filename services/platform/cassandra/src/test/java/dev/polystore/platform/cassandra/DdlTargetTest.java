package dev.polystore.platform.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DdlTargetTest {

  @Test
  void namesTheTableACreateOrAlterLeavesBehind() {
    assertEquals(Optional.of(new DdlTarget("events", false)),
        DdlTarget.of("CREATE TABLE IF NOT EXISTS events (id text PRIMARY KEY)"));
    assertEquals(Optional.of(new DdlTarget("events", false)), DdlTarget.of("create table activity.Events (id text PRIMARY KEY)"));
    assertEquals(Optional.of(new DdlTarget("Events", false)), DdlTarget.of("CREATE TABLE \"Events\" (id text PRIMARY KEY)"));
    assertEquals(Optional.of(new DdlTarget("files", true)),
        DdlTarget.of("ALTER TABLE files WITH custom_properties = {'ttl': {'status': 'enabled'}}"));
    assertEquals(Optional.of(new DdlTarget("files", false)), DdlTarget.of("ALTER TABLE files ADD label text"));
  }

  @Test
  void namesNothingForOtherStatements() {
    assertEquals(Optional.empty(), DdlTarget.of("CREATE KEYSPACE k WITH replication = {'class': 'SingleRegionStrategy'}"));
    assertEquals(Optional.empty(), DdlTarget.of("DROP TABLE old"));
    assertEquals(Optional.empty(), DdlTarget.of("INSERT INTO things (id) VALUES ('a')"));
  }
}
