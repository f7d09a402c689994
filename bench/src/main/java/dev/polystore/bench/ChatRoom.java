package dev.polystore.bench;

import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.PostMessageRequest;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;

/** A room to post into, for the suites that measure PostMessage through a gateway with accounts beside it. */
public final class ChatRoom {
  private static final String BODY = "a message of about the length people write in a chat, give or take a few words";

  private ChatRoom() {}

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
