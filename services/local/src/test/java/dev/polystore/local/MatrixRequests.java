package dev.polystore.local;

import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.polystore.accounts.v1.AddMemberRequest;
import dev.polystore.accounts.v1.CreateApiKeyRequest;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.GetUserByEmailRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.accounts.v1.GetWorkspaceRequest;
import dev.polystore.accounts.v1.ListApiKeysRequest;
import dev.polystore.accounts.v1.ListMembersRequest;
import dev.polystore.accounts.v1.ListWorkspacesForUserRequest;
import dev.polystore.accounts.v1.RemoveMemberRequest;
import dev.polystore.accounts.v1.RevokeApiKeyRequest;
import dev.polystore.accounts.v1.Role;
import dev.polystore.accounts.v1.UpdateUserRequest;
import dev.polystore.accounts.v1.VerifyApiKeyRequest;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.GetDailyCountsRequest;
import dev.polystore.activity.v1.ListEventsRequest;
import dev.polystore.activity.v1.RecordEventsRequest;
import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.SignUploadPartsRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.DeleteFileRequest;
import dev.polystore.files.v1.GetDownloadUrlRequest;
import dev.polystore.files.v1.GetFileRequest;
import dev.polystore.files.v1.ListFilesRequest;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.messenger.v1.AddRoomMemberRequest;
import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.DeleteMessageRequest;
import dev.polystore.messenger.v1.EditMessageRequest;
import dev.polystore.messenger.v1.GetMessageRequest;
import dev.polystore.messenger.v1.GetRoomRequest;
import dev.polystore.messenger.v1.ListMessagesRequest;
import dev.polystore.messenger.v1.ListRoomsRequest;
import dev.polystore.messenger.v1.PostMessageRequest;
import dev.polystore.messenger.v1.RemoveRoomMemberRequest;
import dev.polystore.messenger.v1.SearchMessagesRequest;
import dev.polystore.presence.v1.CheckRateLimitRequest;
import dev.polystore.presence.v1.GetPresenceRequest;
import dev.polystore.presence.v1.HeartbeatRequest;
import dev.polystore.presence.v1.ListOnlineRequest;
import dev.polystore.presence.v1.ListTypingRequest;
import dev.polystore.presence.v1.PresenceStatus;
import dev.polystore.presence.v1.SetTypingRequest;
import dev.polystore.presence.v1.WatchPresenceRequest;
import dev.polystore.search.v1.DeleteDocumentsRequest;
import dev.polystore.search.v1.Document;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.UpsertDocumentsRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * One valid request for every rpc, aimed at real resources that setup created in a workspace: a
 * write would change the store if it got through, so a refused write that leaves the store as it
 * was proves the refusal came first. A new rpc has no entry here and makes the matrix fail until
 * one is added.
 */
final class MatrixRequests {
  /** Users every workspace shares: the owner U, members V and W (W is the one to remove), and X, a member of none. */
  record Users(String owner, String ownerEmail, String member, String leaving, String outsider) {}

  /**
   * What setup made in one workspace: a room (members U, V, W) with U's message, a file uploaded
   * but not completed, a ready file, a key to revoke, the secret of a key to verify, a search
   * document.
   */
  record Workspace(String id, String roomId, String messageId, String uploadedFileId, String readyFileId,
      String keyToRevokeId, String keyToVerifySecret, String documentId) {}

  /**
   * The dimension of the test's search vectors: the in-process embedder's, as chat messages are
   * indexed into the workspace's namespace too (issue #22) and a namespace has one dimension.
   */
  static final int DIMENSION = 384;

  private MatrixRequests() {}

  /** A valid request of {@code rpc} (its bare name, "PostMessage") acting in {@code w}. */
  static Message request(String rpc, Users u, Workspace w) {
    String fresh = UUID.randomUUID().toString();
    return switch (rpc) {
      // accounts: users and workspaces are global; the rest act in w.
      case "CreateUser" -> CreateUserRequest.newBuilder().setEmail("matrix+" + fresh + "@example.com")
          .setDisplayName("Matrix").build();
      case "GetUser" -> GetUserRequest.newBuilder().setUserId(u.owner()).build();
      case "GetUserByEmail" -> GetUserByEmailRequest.newBuilder().setEmail(u.ownerEmail()).build();
      case "UpdateUser" -> UpdateUserRequest.newBuilder().setUserId(u.owner()).setDisplayName("Renamed " + fresh)
          .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build();
      case "CreateWorkspace" -> CreateWorkspaceRequest.newBuilder().setSlug("matrix-" + fresh.substring(0, 8))
          .setName("Matrix").setOwnerUserId(u.owner()).build();
      case "GetWorkspace" -> GetWorkspaceRequest.newBuilder().setWorkspaceId(w.id()).build();
      case "AddMember" -> AddMemberRequest.newBuilder().setWorkspaceId(w.id()).setUserId(u.outsider())
          .setRole(Role.ROLE_MEMBER).build();
      case "RemoveMember" -> RemoveMemberRequest.newBuilder().setWorkspaceId(w.id()).setUserId(u.leaving()).build();
      case "ListMembers" -> ListMembersRequest.newBuilder().setWorkspaceId(w.id()).build();
      case "ListWorkspacesForUser" -> ListWorkspacesForUserRequest.newBuilder().setUserId(u.owner()).build();
      // The rpc's own scope: a key holding only keys:write may grant it (no key mints a stronger one).
      case "CreateApiKey" -> CreateApiKeyRequest.newBuilder().setWorkspaceId(w.id()).setName("matrix")
          .addScopes("keys:write").build();
      case "ListApiKeys" -> ListApiKeysRequest.newBuilder().setWorkspaceId(w.id()).build();
      case "RevokeApiKey" -> RevokeApiKeyRequest.newBuilder().setWorkspaceId(w.id()).setApiKeyId(w.keyToRevokeId()).build();
      case "VerifyApiKey" -> VerifyApiKeyRequest.newBuilder().setSecret(w.keyToVerifySecret()).build();
      // activity
      case "RecordEvents" -> RecordEventsRequest.newBuilder().addEvents(Event.newBuilder()
          .setEventId("matrix-" + fresh).setWorkspaceId(w.id()).setActorId(u.owner()).setType("matrix.probe")
          .setOccurredAt(timestamp(Instant.now()))).build();
      case "ListEvents" -> ListEventsRequest.newBuilder().setWorkspaceId(w.id())
          .setStartTime(timestamp(Instant.now().minusSeconds(3600))).setEndTime(timestamp(Instant.now().plusSeconds(3600)))
          .build();
      case "GetDailyCounts" -> GetDailyCountsRequest.newBuilder().setWorkspaceId(w.id())
          .setStartDate(today()).setEndDate(today()).build();
      // files
      case "CreateUpload" -> CreateUploadRequest.newBuilder().setWorkspaceId(w.id()).setFilename("probe.txt")
          .setContentType("text/plain").setSizeBytes(5).setMethod(UploadMethod.UPLOAD_METHOD_PUT).build();
      case "CompleteUpload" -> CompleteUploadRequest.newBuilder().setWorkspaceId(w.id()).setFileId(w.uploadedFileId()).build();
      case "SignUploadParts" -> SignUploadPartsRequest.newBuilder().setWorkspaceId(w.id()).setFileId(w.uploadedFileId()).build();
      case "GetDownloadUrl" -> GetDownloadUrlRequest.newBuilder().setWorkspaceId(w.id()).setFileId(w.readyFileId())
          .setTtl(seconds(60)).build();
      case "GetFile" -> GetFileRequest.newBuilder().setWorkspaceId(w.id()).setFileId(w.readyFileId()).build();
      case "ListFiles" -> ListFilesRequest.newBuilder().setWorkspaceId(w.id()).build();
      case "DeleteFile" -> DeleteFileRequest.newBuilder().setWorkspaceId(w.id()).setFileId(w.readyFileId()).build();
      // messenger
      case "CreateRoom" -> CreateRoomRequest.newBuilder().setWorkspaceId(w.id()).setName("matrix")
          .addMemberUserIds(u.owner()).build();
      case "GetRoom" -> GetRoomRequest.newBuilder().setWorkspaceId(w.id()).setRoomId(w.roomId()).build();
      case "ListRooms" -> ListRoomsRequest.newBuilder().setWorkspaceId(w.id()).build();
      case "AddRoomMember" -> AddRoomMemberRequest.newBuilder().setWorkspaceId(w.id()).setRoomId(w.roomId())
          .setUserId(u.outsider()).build();
      case "RemoveRoomMember" -> RemoveRoomMemberRequest.newBuilder().setWorkspaceId(w.id()).setRoomId(w.roomId())
          .setUserId(u.leaving()).build();
      case "PostMessage" -> postMessage(w, u.owner());
      case "GetMessage" -> GetMessageRequest.newBuilder().setWorkspaceId(w.id()).setMessageId(w.messageId()).build();
      case "ListMessages" -> ListMessagesRequest.newBuilder().setWorkspaceId(w.id()).setRoomId(w.roomId()).build();
      case "EditMessage" -> EditMessageRequest.newBuilder().setWorkspaceId(w.id()).setMessageId(w.messageId())
          .setAuthorId(u.owner()).setBody("edited " + fresh).build();
      case "DeleteMessage" -> DeleteMessageRequest.newBuilder().setWorkspaceId(w.id()).setMessageId(w.messageId())
          .setAuthorId(u.owner()).build();
      case "SearchMessages" -> SearchMessagesRequest.newBuilder().setWorkspaceId(w.id()).setQuery("hello").build();
      // presence
      case "Heartbeat" -> HeartbeatRequest.newBuilder().setWorkspaceId(w.id()).setUserId(u.owner())
          .setDeviceId("matrix").setStatus(PresenceStatus.PRESENCE_STATUS_BUSY).setTtl(seconds(600)).build();
      case "GetPresence" -> GetPresenceRequest.newBuilder().setWorkspaceId(w.id()).addUserIds(u.owner()).build();
      case "ListOnline" -> ListOnlineRequest.newBuilder().setWorkspaceId(w.id()).build();
      case "WatchPresence" -> WatchPresenceRequest.newBuilder().setWorkspaceId(w.id()).build();
      case "SetTyping" -> SetTypingRequest.newBuilder().setWorkspaceId(w.id()).setRoomId(w.roomId())
          .setUserId(u.owner()).build();
      case "ListTyping" -> ListTypingRequest.newBuilder().setWorkspaceId(w.id()).setRoomId(w.roomId()).build();
      case "CheckRateLimit" -> CheckRateLimitRequest.newBuilder().setWorkspaceId(w.id()).setKey("matrix")
          .setLimit(10).setWindow(seconds(60)).setCost(1).build();
      // search
      case "UpsertDocuments" -> UpsertDocumentsRequest.newBuilder().setWorkspaceId(w.id())
          .addDocuments(document("matrix-" + fresh.substring(0, 8), 0, "probe")).build();
      case "DeleteDocuments" -> DeleteDocumentsRequest.newBuilder().setWorkspaceId(w.id()).addIds(w.documentId()).build();
      case "Query" -> query(w.id());
      default -> throw new AssertionError("MatrixRequests has no request for rpc " + rpc
          + ": add one (valid, aimed at setup's resources) so that the auth matrix covers it");
    };
  }

  static PostMessageRequest postMessage(Workspace w, String author) {
    return PostMessageRequest.newBuilder().setWorkspaceId(w.id()).setRoomId(w.roomId()).setAuthorId(author)
        .setBody("hello from the matrix").setClientMessageId("matrix-" + UUID.randomUUID()).build();
  }

  /** A document whose vector points along {@code axis}. */
  static Document document(String id, int axis, String text) {
    Document.Builder doc = Document.newBuilder().setId(id).setText(text);
    for (int i = 0; i < DIMENSION; i++) {
      doc.addVector(i == axis ? 1f : 0f);
    }
    return doc.build();
  }

  /** Every document of the workspace, nearest to the first axis first. */
  static QueryRequest query(String workspaceId) {
    QueryRequest.Builder query = QueryRequest.newBuilder().setWorkspaceId(workspaceId).setTopK(100);
    for (int i = 0; i < DIMENSION; i++) {
      query.addVector(i == 0 ? 1f : 0f);
    }
    return query.build();
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  private static Duration seconds(long seconds) {
    return Duration.newBuilder().setSeconds(seconds).build();
  }

  private static String today() {
    return LocalDate.now(ZoneOffset.UTC).toString();
  }
}
