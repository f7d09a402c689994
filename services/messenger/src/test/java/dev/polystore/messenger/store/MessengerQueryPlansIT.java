package dev.polystore.messenger.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.messenger.MessengerModule;
import dev.polystore.messenger.domain.Direction;
import dev.polystore.platform.paging.KeysetCursor;
import dev.polystore.platform.paging.PageRequest;
import dev.polystore.platform.postgres.Keyset;
import dev.polystore.platform.postgres.testing.PostgresServedModule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plans PostgreSQL picks for the store's own SQL, on a migrated database with enough rows (and
 * fresh statistics) that an index must earn its use: each query reads through the index meant for it.
 */
class MessengerQueryPlansIT {
  private static final UUID WORKSPACE = UUID.fromString("00000000-0000-4000-8000-000000000001");
  private static final UUID FIRST_UUID = new UUID(0, 0);
  private static final UUID LAST_UUID = new UUID(-1, -1);
  private static PostgresServedModule<MessengerModule> served;
  private static Jdbi jdbi;
  private static UUID roomId;
  private static UUID messageId;
  private static String clientMessageId;
  private static UUID authorId;

  @BeforeAll
  static void seed() throws InterruptedException {
    served = PostgresServedModule.startServing(MessengerModule.NAME, List.of("messages"), MessengerModule::create);
    jdbi = Jdbi.create(served::connect).installPlugin(new PostgresPlugin());
    jdbi.useHandle(handle -> {
      // Shaped like production, where an index must earn its use: 20 workspaces of 250 rooms of 3
      // members; 2 busy rooms a workspace with 1000 messages each, one in a hundred saying "kubernetes".
      handle.execute("INSERT INTO rooms (room_id, workspace_id, name)"
          + " SELECT gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad(w::text, 12, '0'))::uuid, 'room ' || r"
          + " FROM generate_series(1, 20) w, generate_series(1, 250) r");
      handle.execute("INSERT INTO room_members (room_id, user_id)"
          + " SELECT room_id, gen_random_uuid() FROM rooms, generate_series(1, 3)");
      handle.execute("INSERT INTO messages (room_id, message_id, workspace_id, author_id, client_message_id, body)"
          + " SELECT room_id, gen_random_uuid(), workspace_id, gen_random_uuid(), 'key-' || n,"
          + " 'message ' || n || ' ' || md5(n::text) || CASE WHEN n % 100 = 0 THEN ' kubernetes' ELSE '' END"
          + " FROM rooms, generate_series(1, 1000) n WHERE name IN ('room 1', 'room 2')");
      // As autovacuum leaves a table: statistics, and the GIN index's pending list merged.
      handle.execute("VACUUM ANALYZE");
      var sample = handle.createQuery("SELECT room_id, message_id, client_message_id, author_id FROM messages"
              + " WHERE workspace_id = :workspace LIMIT 1")
          .bind("workspace", WORKSPACE)
          .mapToMap()
          .one();
      roomId = (UUID) sample.get("room_id");
      messageId = (UUID) sample.get("message_id");
      clientMessageId = (String) sample.get("client_message_id");
      authorId = (UUID) sample.get("author_id");
    });
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  @Test
  void pointReadsUseTheIndexOnTheIdAlone() {
    assertPlan(JdbiMessageStore.FIND, q -> q.bind("messageId", messageId).bind("workspaceId", WORKSPACE),
        "Index Scan using messages_message_id_key");
    // By the full primary key, where the unique index on the id alone serves as well.
    assertPlan(JdbiMessageStore.EDIT, this::change, "Index Scan using messages_message_id_key");
    assertPlan(JdbiMessageStore.DELETE, this::change, "Index Scan using messages_message_id_key");
  }

  @Test
  void pagesOfARoomAreRangeScansOfThePrimaryKeyWithoutASort() {
    assertPlan(MessagePageSql.named(Direction.LATEST), this::page, "Index Scan Backward using messages_pkey");
    // Cursors at either end of the room: the pages that read the most.
    assertPlan(MessagePageSql.named(Direction.BEFORE), q -> page(q).bind("cursor", LAST_UUID),
        "Index Scan Backward using messages_pkey");
    assertPlan(MessagePageSql.named(Direction.AFTER), q -> page(q).bind("cursor", FIRST_UUID),
        "Index Scan using messages_pkey");
  }

  @Test
  void aPostReadsTheRoomAndItsLastIdByIndexAndRetriesFindTheirKey() {
    String facts = plan(PostSql.NAMED.roomFacts(), q -> q.bind("roomId", roomId).bind("authorId", authorId));
    assertTrue(facts.contains("using rooms_pkey"), facts);
    assertTrue(facts.contains("using room_members_pkey"), facts);
    assertTrue(facts.contains("Index Only Scan Backward using messages_pkey"), facts);
    assertPlan(PostSql.NAMED.findByKey(), q -> q.bind("roomId", roomId).bind("authorId", authorId)
        .bind("clientMessageId", clientMessageId), "Index Scan using messages_client_message_id_key");
  }

  @Test
  void searchUsesTheGinIndex() {
    assertPlan(JdbiMessageStore.searchSql(false, false), this::search, "Bitmap Index Scan on messages_search_vector_idx");
    assertPlan(JdbiMessageStore.searchSql(true, true), q -> search(q).bind("roomId", roomId)
        .bind("afterRank", 0.5f).bind("afterId", messageId), "Bitmap Index Scan on messages_search_vector_idx");
  }

  @Test
  void roomsAreListedAlongTheirKeysetIndex() {
    PageRequest first = PageRequest.of("rooms/" + WORKSPACE, 10, "");
    PageRequest next = new PageRequest("rooms/" + WORKSPACE, 10, Optional.of(new KeysetCursor(Instant.now(), roomId)));
    for (PageRequest page : List.of(first, next)) {
      assertPlan(JdbiRoomStore.listSql(page), q -> Keyset.bind(q, page).bind("workspaceId", WORKSPACE),
          "using rooms_workspace_id_created_at_idx");
    }
    assertPlan(JdbiRoomStore.MEMBERS_OF, q -> q.bind("roomId", roomId), "on room_members_pkey");
  }

  private Query page(Query query) {
    return query.bind("roomId", roomId).bind("workspaceId", WORKSPACE).bind("fetchSize", 51);
  }

  private Query change(Query query) {
    return query.bind("roomId", roomId).bind("messageId", messageId).bind("body", "edited")
        .bind("anyVersion", true).bind("expectedVersion", 1L);
  }

  private Query search(Query query) {
    return query.bind("workspaceId", WORKSPACE).bind("query", "kubernetes").bind("fetchSize", 51);
  }

  private static void assertPlan(String sql, UnaryOperator<Query> binds, String expected) {
    String plan = plan(sql, binds);
    assertTrue(plan.contains(expected), () -> "expected " + expected + " in\n" + plan);
    assertFalse(plan.contains("Seq Scan on messages"), () -> "a sequential scan in\n" + plan);
    assertFalse(plan.contains("Sort Key: message_id"), () -> "a sort the index should make needless in\n" + plan);
  }

  private static String plan(String sql, UnaryOperator<Query> binds) {
    return jdbi.withHandle((Handle handle) ->
        String.join("\n", binds.apply(handle.createQuery("EXPLAIN " + sql)).mapTo(String.class).list()));
  }
}
