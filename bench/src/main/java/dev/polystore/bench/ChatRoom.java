package dev.polystore.bench;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.PostMessageRequest;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Stores and a room to post into, for the suites that measure PostMessage through a gateway with accounts beside it. */
public final class ChatRoom {
  private static final String BODY = "a message of about the length people write in a chat, give or take a few words";

  private ChatRoom() {}

  /**
   * The settings of a gateway hosting accounts and messenger on devstack's PostgreSQL, both
   * databases fresh, with a handler thread per core.
   */
  public static Map<String, String> freshStores() {
    LocalPostgres postgres = Devstack.postgres();
    for (String database : List.of("accounts", "messenger")) {
      postgres.dropDatabase(database);
      postgres.createDatabase(database);
    }
    return Map.ofEntries(Map.entry("POSTGRES_WRITER_CONN", postgres.connectionUrl()),
        Map.entry("VALKEY_URL", Devstack.valkey().url()), // the event bus both relay to
        BenchGateway.handlerThreadPerCore());
  }

  /** A room named {@code name}, once messenger (started beside accounts) serves. */
  public static String create(BenchGateway gateway, String workspace, String user, String name) throws InterruptedException {
    var messenger = MessengerServiceGrpc.newBlockingStub(gateway.channel());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        return messenger.withDeadlineAfter(5, TimeUnit.SECONDS).createRoom(CreateRoomRequest.newBuilder()
            .setWorkspaceId(workspace).setName(name).addMemberUserIds(user).build()).getRoom().getRoomId();
      } catch (StatusRuntimeException e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  /** A message of a chat's usual length. */
  public static PostMessageRequest message(String workspace, String room, String author, String clientMessageId) {
    return PostMessageRequest.newBuilder().setWorkspaceId(workspace).setRoomId(room).setAuthorId(author)
        .setBody(BODY).setClientMessageId(clientMessageId).build();
  }
}
