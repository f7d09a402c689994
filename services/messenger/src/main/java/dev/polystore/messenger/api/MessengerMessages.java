package dev.polystore.messenger.api;

import dev.polystore.messenger.domain.Message;
import dev.polystore.messenger.domain.Room;
import dev.polystore.messenger.domain.RoomMember;
import dev.polystore.messenger.domain.SearchHit;
import dev.polystore.messenger.v1.SearchResult;
import dev.polystore.platform.grpc.Timestamps;

/** Domain values to their protobuf messages: the only place both are known. */
final class MessengerMessages {
  private MessengerMessages() {}

  static dev.polystore.messenger.v1.Room room(Room room) {
    return dev.polystore.messenger.v1.Room.newBuilder()
        .setRoomId(room.id().toString())
        .setWorkspaceId(room.workspaceId().toString())
        .setName(room.name())
        .setMemberCount(room.memberCount())
        .setCreateTime(Timestamps.of(room.createdAt()))
        .build();
  }

  static dev.polystore.messenger.v1.RoomMember member(RoomMember member) {
    return dev.polystore.messenger.v1.RoomMember.newBuilder()
        .setRoomId(member.roomId().toString())
        .setUserId(member.userId().toString())
        .setJoinTime(Timestamps.of(member.joinedAt()))
        .build();
  }

  static dev.polystore.messenger.v1.Message message(Message message) {
    dev.polystore.messenger.v1.Message.Builder out = dev.polystore.messenger.v1.Message.newBuilder()
        .setMessageId(message.id().toString())
        .setRoomId(message.roomId().toString())
        .setWorkspaceId(message.workspaceId().toString())
        .setAuthorId(message.authorId().toString())
        .setClientMessageId(message.clientMessageId())
        .setBody(message.body())
        .setCreateTime(Timestamps.of(message.createdAt()))
        .setEtag(message.etag());
    message.editedAt().ifPresent(at -> out.setEditTime(Timestamps.of(at)));
    message.deletedAt().ifPresent(at -> out.setDeleteTime(Timestamps.of(at)));
    return out.build();
  }

  static SearchResult result(SearchHit hit) {
    return SearchResult.newBuilder().setMessage(message(hit.message())).setRank(hit.rank()).build();
  }
}
