package dev.polystore.messenger;

import static dev.polystore.messenger.MessengerClient.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.messenger.v1.GetMessageRequest;
import dev.polystore.messenger.v1.GetRoomRequest;
import dev.polystore.messenger.v1.ListRoomsRequest;
import dev.polystore.messenger.v1.Message;
import dev.polystore.messenger.v1.Room;
import dev.polystore.messenger.v1.SearchMessagesRequest;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.postgres.PostgresConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which reads go to the reader and which to the writer. POSTGRES_READER_CONN points at the same
 * server with currentSchema=replica: the reader's connections see a schema "replica" that the test
 * fills by hand, standing in for a replica that is a few messages behind. What a call returns then
 * tells which connection answered it.
 */
class MessengerReaderIT {
  private static final String REPLICA = "replica";
  private static final String MESSAGE_COLUMNS = "room_id, message_id, workspace_id, author_id, client_message_id,"
      + " body, version, created_at, edited_at, deleted_at";
  @RegisterExtension
  static final MessengerClient messenger = new MessengerClient(config -> {
    String server = Devstack.postgres().connectionUrl();
    return MessengerModule.create(PostgresConfig.fromEnv(new Env(Map.of(
        PostgresConfig.WRITER_CONN, server,
        PostgresConfig.READER_CONN, server + "?currentSchema=" + REPLICA)), config.database()));
  });

  /** The replica's tables: the migrated ones' shape, generated search column and indexes included. */
  @BeforeAll
  static void createReplica() throws SQLException {
    try (Connection connection = messenger.served.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + REPLICA);
      for (String table : MessengerClient.TABLES) {
        statement.execute("CREATE TABLE " + REPLICA + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
      }
    }
  }

  @Test
  void readsThatMustSeeTheCallersWritesGoToTheWriterTheOthersToTheReader() throws SQLException {
    UUID workspace = UUID.randomUUID();
    UUID author = UUID.randomUUID();
    Room room = messenger.createRoom(workspace, "lagging", author);
    Message replicated = messenger.post(room, author, "replicated already");
    replicate("rooms", "room_id = '" + room.getRoomId() + "'");
    replicate("room_members", "room_id = '" + room.getRoomId() + "'");
    replicate("messages", "message_id = '" + replicated.getMessageId() + "'");

    Message fresh = messenger.post(room, author, "fresh off the writer");

    // The writer: the caller reads its own post, and the room as it is now.
    assertEquals(fresh, messenger.stub().getMessage(GetMessageRequest.newBuilder()
        .setWorkspaceId(room.getWorkspaceId()).setMessageId(fresh.getMessageId()).build()).getMessage());
    assertEquals(room, messenger.stub().getRoom(GetRoomRequest.newBuilder().setWorkspaceId(room.getWorkspaceId())
        .setRoomId(room.getRoomId()).build()).getRoom());
    // The reader: a moment behind, without the fresh post.
    assertEquals(ids(List.of(replicated)), ids(messenger.latest(room, 10).getMessagesList()));
    assertEquals(0, search(workspace, "fresh"));
    assertEquals(1, search(workspace, "replicated"));
    assertEquals(1, messenger.stub().listRooms(ListRoomsRequest.newBuilder().setWorkspaceId(workspace.toString())
        .build()).getRoomsCount());
    // Writes never land on the reader's side.
    assertEquals(1, count(REPLICA + ".messages"));
    assertEquals(2, count("public.messages WHERE room_id = '" + room.getRoomId() + "'"));

    replicate("messages", "message_id = '" + fresh.getMessageId() + "'");

    assertEquals(ids(List.of(fresh, replicated)), ids(messenger.latest(room, 10).getMessagesList()));
    assertEquals(1, search(workspace, "fresh"));
  }

  @Test
  void aRoomTheReaderDoesNotHaveYetListsEmptyRatherThanNotFound() {
    UUID author = UUID.randomUUID();
    Room room = messenger.createRoom(UUID.randomUUID(), "brand new", author);
    messenger.post(room, author, "first!");

    // The room exists on the writer only: the empty page is the reader's, the room check the writer's.
    assertEquals(0, messenger.latest(room, 10).getMessagesCount());
  }

  @Test
  void theReaderHasConnectionsOfItsOwn() throws SQLException {
    messenger.latest(messenger.createRoom(UUID.randomUUID(), "observed", UUID.randomUUID()), 1);

    try (Connection connection = messenger.served.connect(); PreparedStatement query = connection.prepareStatement(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = ?")) {
      query.setString(1, messenger.served.database);
      for (String pool : List.of("messenger-writer", "messenger-reader")) {
        query.setString(2, pool);
        try (ResultSet rows = query.executeQuery()) {
          rows.next();
          assertTrue(rows.getLong(1) >= 1, () -> "no connection of " + pool + " in pg_stat_activity");
        }
      }
    }
  }

  private static int search(UUID workspace, String query) {
    return messenger.stub().searchMessages(SearchMessagesRequest.newBuilder().setWorkspaceId(workspace.toString())
        .setQuery(query).build()).getResultsCount();
  }

  /** What replication would do: copy rows to the replica. The search column is generated there too. */
  private static void replicate(String table, String where) throws SQLException {
    String columns = table.equals("messages") ? MESSAGE_COLUMNS : "*";
    try (Connection connection = messenger.served.connect(); Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO " + REPLICA + "." + table + (columns.equals("*") ? "" : " (" + columns + ")")
          + " SELECT " + columns + " FROM public." + table + " WHERE " + where);
    }
  }

  private static long count(String from) throws SQLException {
    try (Connection connection = messenger.served.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + from)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
