package dev.polystore.fuzz;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.ListEventsRequest;
import dev.polystore.activity.v1.RecordEventsRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.files.v1.GetFileRequest;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.platform.testing.StatusAssertions;
import dev.polystore.presence.v1.GetPresenceRequest;
import dev.polystore.presence.v1.HeartbeatRequest;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import dev.polystore.presence.v1.PresenceStatus;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The writes and reads of the freeze drills, one pair per store, each call with the drill's
 * deadline. A write returns what its read looks for; a read retries while the service is still
 * UNAVAILABLE after a thaw.
 */
final class Calls {
  private static final Duration FIND_LIMIT = Duration.ofSeconds(60);
  private static final long DEADLINE = FreezeDrill.DEADLINE.toMillis();

  private Calls() {}

  /** PostgreSQL: a new user; the user id. */
  static String createUser(Served accounts) {
    return accounts(accounts).createUser(CreateUserRequest.newBuilder()
        .setEmail("freeze-" + UUID.randomUUID() + "@example.com").setDisplayName("Freeze").build())
        .getUser().getUserId();
  }

  static boolean userExists(Served accounts, String userId) {
    return find(() -> accounts(accounts).getUser(GetUserRequest.newBuilder().setUserId(userId).build()).hasUser());
  }

  /** Cassandra: one event in {@code workspace}; its event id. */
  static String recordEvent(Served activity, String workspace) {
    String eventId = "freeze-" + UUID.randomUUID();
    Instant now = Instant.now();
    activity(activity).recordEvents(RecordEventsRequest.newBuilder().addEvents(Event.newBuilder()
        .setEventId(eventId).setWorkspaceId(workspace).setActorId("user-7").setType("file.uploaded")
        .setSubject("files/" + eventId).setOccurredAt(timestamp(now))).build());
    return eventId;
  }

  static boolean eventExists(Served activity, String workspace, String eventId) {
    Instant now = Instant.now();
    return find(() -> activity(activity).listEvents(ListEventsRequest.newBuilder().setWorkspaceId(workspace)
            .setStartTime(timestamp(now.minus(Duration.ofHours(1)))).setEndTime(timestamp(now.plusSeconds(60)))
            .setPageSize(100).build())
        .getEventsList().stream().anyMatch(event -> event.getEventId().equals(eventId)));
  }

  /** Valkey: a user online in {@code workspace} for five minutes; the user id. */
  static String heartbeat(Served presence, String workspace) {
    String userId = UUID.randomUUID().toString();
    presence(presence).heartbeat(HeartbeatRequest.newBuilder().setWorkspaceId(workspace).setUserId(userId)
        .setDeviceId("desk").setStatus(PresenceStatus.PRESENCE_STATUS_ONLINE).setTtl(Durations.fromSeconds(300))
        .build());
    return userId;
  }

  static boolean isOnline(Served presence, String workspace, String userId) {
    return find(() -> presence(presence).getPresence(GetPresenceRequest.newBuilder().setWorkspaceId(workspace)
        .addUserIds(userId).build()).getPresences(0).getStatus() == PresenceStatus.PRESENCE_STATUS_ONLINE);
  }

  /** Files (its records in Cassandra, its objects in S3): a pending upload; the file id. */
  static String createUpload(Served files, String workspace) {
    return files(files).createUpload(CreateUploadRequest.newBuilder().setWorkspaceId(workspace)
        .setFilename("freeze.txt").setContentType("text/plain").setSizeBytes(6)
        .setMethod(UploadMethod.UPLOAD_METHOD_PUT).build()).getFile().getFileId();
  }

  static boolean fileExists(Served files, String workspace, String fileId) {
    return find(() -> files(files).getFile(GetFileRequest.newBuilder().setWorkspaceId(workspace).setFileId(fileId)
        .build()).hasFile());
  }

  private static boolean find(java.util.function.Supplier<Boolean> read) {
    try {
      return StatusAssertions.awaitAnswer(read, FIND_LIMIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano() / 1_000_000 * 1_000_000)
        .build();
  }

  private static AccountsServiceGrpc.AccountsServiceBlockingStub accounts(Served served) {
    return AccountsServiceGrpc.newBlockingStub(served.channel()).withDeadlineAfter(DEADLINE, TimeUnit.MILLISECONDS);
  }

  private static ActivityServiceGrpc.ActivityServiceBlockingStub activity(Served served) {
    return ActivityServiceGrpc.newBlockingStub(served.channel()).withDeadlineAfter(DEADLINE, TimeUnit.MILLISECONDS);
  }

  private static PresenceServiceGrpc.PresenceServiceBlockingStub presence(Served served) {
    return PresenceServiceGrpc.newBlockingStub(served.channel()).withDeadlineAfter(DEADLINE, TimeUnit.MILLISECONDS);
  }

  private static FilesServiceGrpc.FilesServiceBlockingStub files(Served served) {
    return FilesServiceGrpc.newBlockingStub(served.channel()).withDeadlineAfter(DEADLINE, TimeUnit.MILLISECONDS);
  }
}
