package dev.polystore.messenger.api;

import dev.polystore.messenger.domain.Message;
import dev.polystore.messenger.domain.MessagePage;
import dev.polystore.messenger.domain.MessageRange;
import dev.polystore.messenger.domain.MessageSearch;
import dev.polystore.messenger.domain.Messages;
import dev.polystore.messenger.domain.NewMessage;
import dev.polystore.messenger.domain.Room;
import dev.polystore.messenger.domain.Rooms;
import dev.polystore.messenger.domain.SearchHit;
import dev.polystore.messenger.v1.AddRoomMemberRequest;
import dev.polystore.messenger.v1.AddRoomMemberResponse;
import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.CreateRoomResponse;
import dev.polystore.messenger.v1.DeleteMessageRequest;
import dev.polystore.messenger.v1.DeleteMessageResponse;
import dev.polystore.messenger.v1.EditMessageRequest;
import dev.polystore.messenger.v1.EditMessageResponse;
import dev.polystore.messenger.v1.GetMessageRequest;
import dev.polystore.messenger.v1.GetMessageResponse;
import dev.polystore.messenger.v1.GetRoomRequest;
import dev.polystore.messenger.v1.GetRoomResponse;
import dev.polystore.messenger.v1.ListMessagesRequest;
import dev.polystore.messenger.v1.ListMessagesResponse;
import dev.polystore.messenger.v1.ListRoomsRequest;
import dev.polystore.messenger.v1.ListRoomsResponse;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.PostMessageRequest;
import dev.polystore.messenger.v1.PostMessageResponse;
import dev.polystore.messenger.v1.RemoveRoomMemberRequest;
import dev.polystore.messenger.v1.RemoveRoomMemberResponse;
import dev.polystore.messenger.v1.SearchMessagesRequest;
import dev.polystore.messenger.v1.SearchMessagesResponse;
import dev.polystore.platform.grpc.AsyncAnswers;
import dev.polystore.platform.grpc.Ids;
import dev.polystore.platform.grpc.NonBlockingMethods;
import dev.polystore.platform.ids.RequestIds;
import dev.polystore.platform.paging.Page;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * MessengerService over gRPC: maps requests to domain calls and results to responses, and holds no
 * rules. The platform's interceptors have validated the request against the contract before any
 * method here runs, and map what the domain throws to statuses.
 */
public final class MessengerGrpcService extends MessengerServiceGrpc.MessengerServiceImplBase
    implements NonBlockingMethods {
  private final Rooms rooms;
  private final Messages messages;
  private final MessageSearch search;

  public MessengerGrpcService(Rooms rooms, Messages messages, MessageSearch search) {
    this.rooms = rooms;
    this.messages = messages;
    this.search = search;
  }

  @Override
  public void createRoom(CreateRoomRequest request, StreamObserver<CreateRoomResponse> response) {
    List<UUID> members = IntStream.range(0, request.getMemberUserIdsCount())
        .mapToObj(i -> Ids.parse("member_user_ids[" + i + "]", request.getMemberUserIds(i)))
        .toList();
    Room room = rooms.create(Ids.parse("workspace_id", request.getWorkspaceId()), request.getName(), members,
        RequestIds.parse(request.getRequestId()));
    reply(response, CreateRoomResponse.newBuilder().setRoom(MessengerMessages.room(room)).build());
  }

  @Override
  public void getRoom(GetRoomRequest request, StreamObserver<GetRoomResponse> response) {
    Room room = rooms.get(workspaceId(request.getWorkspaceId()), Ids.parse("room_id", request.getRoomId()));
    GetRoomResponse.Builder out = GetRoomResponse.newBuilder().setRoom(MessengerMessages.room(room));
    rooms.members(room).forEach(member -> out.addMembers(MessengerMessages.member(member)));
    reply(response, out.build());
  }

  @Override
  public void listRooms(ListRoomsRequest request, StreamObserver<ListRoomsResponse> response) {
    Page<Room> page = rooms.list(Ids.parse("workspace_id", request.getWorkspaceId()), request.getPageSize(),
        request.getPageToken());
    ListRoomsResponse.Builder out = ListRoomsResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(room -> out.addRooms(MessengerMessages.room(room)));
    reply(response, out.build());
  }

  @Override
  public void addRoomMember(AddRoomMemberRequest request, StreamObserver<AddRoomMemberResponse> response) {
    reply(response, AddRoomMemberResponse.newBuilder()
        .setMember(MessengerMessages.member(rooms.addMember(workspaceId(request.getWorkspaceId()),
            Ids.parse("room_id", request.getRoomId()), Ids.parse("user_id", request.getUserId()))))
        .build());
  }

  @Override
  public void removeRoomMember(RemoveRoomMemberRequest request, StreamObserver<RemoveRoomMemberResponse> response) {
    rooms.removeMember(workspaceId(request.getWorkspaceId()), Ids.parse("room_id", request.getRoomId()),
        Ids.parse("user_id", request.getUserId()));
    reply(response, RemoveRoomMemberResponse.getDefaultInstance());
  }

  @Override
  public void postMessage(PostMessageRequest request, StreamObserver<PostMessageResponse> response) {
    AsyncAnswers.answer(messages.post(new NewMessage(workspaceId(request.getWorkspaceId()),
        Ids.parse("room_id", request.getRoomId()),
        Ids.parse("author_id", request.getAuthorId()), request.getClientMessageId(), request.getBody()))
        .thenApply(posted -> PostMessageResponse.newBuilder()
            .setMessage(MessengerMessages.message(posted.message()))
            .setCreated(posted.created())
            .build()), response);
  }

  @Override
  public void getMessage(GetMessageRequest request, StreamObserver<GetMessageResponse> response) {
    reply(response, GetMessageResponse.newBuilder()
        .setMessage(MessengerMessages.message(messages.get(workspaceId(request.getWorkspaceId()),
            Ids.parse("message_id", request.getMessageId()))))
        .build());
  }

  @Override
  public void listMessages(ListMessagesRequest request, StreamObserver<ListMessagesResponse> response) {
    Optional<UUID> before = request.hasBeforeMessageId()
        ? Optional.of(Ids.parse("before_message_id", request.getBeforeMessageId()))
        : Optional.empty();
    Optional<UUID> after = request.hasAfterMessageId()
        ? Optional.of(Ids.parse("after_message_id", request.getAfterMessageId()))
        : Optional.empty();
    AsyncAnswers.answer(messages.list(workspaceId(request.getWorkspaceId()), Ids.parse("room_id", request.getRoomId()),
        MessageRange.of(before, after, request.getPageSize())).thenApply(MessengerGrpcService::page), response);
  }

  private static ListMessagesResponse page(MessagePage page) {
    ListMessagesResponse.Builder out = ListMessagesResponse.newBuilder().setHasMore(page.hasMore());
    page.messages().forEach(message -> out.addMessages(MessengerMessages.message(message)));
    return out.build();
  }

  @Override
  public void editMessage(EditMessageRequest request, StreamObserver<EditMessageResponse> response) {
    Message edited = messages.edit(workspaceId(request.getWorkspaceId()),
        Ids.parse("message_id", request.getMessageId()),
        Ids.parse("author_id", request.getAuthorId()), request.getBody(), optional(request.getEtag()));
    reply(response, EditMessageResponse.newBuilder().setMessage(MessengerMessages.message(edited)).build());
  }

  @Override
  public void deleteMessage(DeleteMessageRequest request, StreamObserver<DeleteMessageResponse> response) {
    Message tombstone = messages.delete(workspaceId(request.getWorkspaceId()),
        Ids.parse("message_id", request.getMessageId()),
        Ids.parse("author_id", request.getAuthorId()), optional(request.getEtag()));
    reply(response, DeleteMessageResponse.newBuilder().setMessage(MessengerMessages.message(tombstone)).build());
  }

  @Override
  public void searchMessages(SearchMessagesRequest request, StreamObserver<SearchMessagesResponse> response) {
    Optional<UUID> roomId = request.getRoomId().isEmpty()
        ? Optional.empty()
        : Optional.of(Ids.parse("room_id", request.getRoomId()));
    Page<SearchHit> page = search.search(Ids.parse("workspace_id", request.getWorkspaceId()), roomId,
        request.getQuery(), request.getPageSize(), request.getPageToken());
    SearchMessagesResponse.Builder out = SearchMessagesResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(hit -> out.addResults(MessengerMessages.result(hit)));
    reply(response, out.build());
  }

  private static UUID workspaceId(String value) {
    return Ids.parse("workspace_id", value);
  }

  private static Optional<String> optional(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** Answered from the asynchronous client's callback: no thread waits for PostgreSQL. */
  @Override
  public Set<String> nonBlockingMethods() {
    return Set.of(MessengerServiceGrpc.getListMessagesMethod().getFullMethodName(),
        MessengerServiceGrpc.getPostMessageMethod().getFullMethodName());
  }

  private static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
