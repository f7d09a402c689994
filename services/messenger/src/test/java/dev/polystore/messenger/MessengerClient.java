package dev.polystore.messenger;

import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.ListMessagesRequest;
import dev.polystore.messenger.v1.ListMessagesResponse;
import dev.polystore.messenger.v1.Message;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.MessengerServiceGrpc.MessengerServiceBlockingStub;
import dev.polystore.messenger.v1.PostMessageRequest;
import dev.polystore.messenger.v1.PostMessageResponse;
import dev.polystore.messenger.v1.Room;
import dev.polystore.platform.postgres.PostgresConfig;
import dev.polystore.platform.postgres.testing.PostgresServedModule;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * MessengerService served on a fresh database for one test class, and the calls the tests make
 * most. Registered as an extension, it starts before the class's tests and stops after them.
 */
final class MessengerClient implements BeforeAllCallback, AfterAllCallback {
  static final List<String> TABLES = List.of("rooms", "room_members", "messages", "create_requests", "outbox");

  private final Function<PostgresConfig, MessengerModule> factory;
  PostgresServedModule<MessengerModule> served;

  /** With writer and reader alike. */
  MessengerClient() {
    this(MessengerModule::create);
  }

  /** The module as {@code factory} makes it from the fresh database's config. */
  MessengerClient(Function<PostgresConfig, MessengerModule> factory) {
    this.factory = factory;
  }

  /** Serves the module and waits until it is SERVING. */
  @Override
  public void beforeAll(ExtensionContext context) throws InterruptedException {
    served = PostgresServedModule.startServing(MessengerModule.NAME, TABLES, factory);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    served.close();
  }

  /** A blocking stub whose every call has a deadline. */
  MessengerServiceBlockingStub stub() {
    return MessengerServiceGrpc.newBlockingStub(served.channel)
        .withDeadlineAfter(PostgresServedModule.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  Room createRoom(UUID workspaceId, String name, UUID... members) {
    return stub().createRoom(CreateRoomRequest.newBuilder()
        .setWorkspaceId(workspaceId.toString())
        .setName(name)
        .addAllMemberUserIds(Stream.of(members).map(UUID::toString).toList())
        .build()).getRoom();
  }

  /** A new post with a fresh client_message_id. */
  Message post(Room room, UUID authorId, String body) {
    return post(room, authorId, body, "post-" + UUID.randomUUID()).getMessage();
  }

  PostMessageResponse post(Room room, UUID authorId, String body, String clientMessageId) {
    return stub().postMessage(PostMessageRequest.newBuilder()
        .setWorkspaceId(room.getWorkspaceId())
        .setRoomId(room.getRoomId())
        .setAuthorId(authorId.toString())
        .setBody(body)
        .setClientMessageId(clientMessageId)
        .build());
  }

  ListMessagesResponse latest(Room room, int pageSize) {
    return stub().listMessages(list(room, pageSize).build());
  }

  ListMessagesResponse before(Room room, String messageId, int pageSize) {
    return stub().listMessages(list(room, pageSize).setBeforeMessageId(messageId).build());
  }

  ListMessagesResponse after(Room room, String messageId, int pageSize) {
    return stub().listMessages(list(room, pageSize).setAfterMessageId(messageId).build());
  }

  static List<String> ids(List<Message> messages) {
    return messages.stream().map(Message::getMessageId).toList();
  }

  private static ListMessagesRequest.Builder list(Room room, int pageSize) {
    return ListMessagesRequest.newBuilder().setWorkspaceId(room.getWorkspaceId()).setRoomId(room.getRoomId())
        .setPageSize(pageSize);
  }
}
