package dev.polystore.presence;

import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static dev.polystore.platform.testing.StatusAssertions.awaitAnswer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Durations;
import com.google.rpc.BadRequest;
import dev.polystore.presence.v1.CheckRateLimitRequest;
import dev.polystore.presence.v1.CheckRateLimitResponse;
import dev.polystore.presence.v1.GetPresenceRequest;
import dev.polystore.presence.v1.HeartbeatRequest;
import dev.polystore.presence.v1.HeartbeatResponse;
import dev.polystore.presence.v1.ListOnlineRequest;
import dev.polystore.presence.v1.ListOnlineResponse;
import dev.polystore.presence.v1.ListTypingRequest;
import dev.polystore.presence.v1.PresenceChange;
import dev.polystore.presence.v1.PresenceChangeKind;
import dev.polystore.presence.v1.PresenceStatus;
import dev.polystore.presence.v1.SetTypingRequest;
import dev.polystore.presence.v1.SetTypingResponse;
import dev.polystore.presence.v1.UserPresence;
import dev.polystore.presence.v1.WatchPresenceResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * What a caller of PresenceService sees, over a real channel, against a real Valkey: run once on the
 * standalone server ({@link PresenceStandaloneIT}) and once on the 3-node cluster
 * ({@link PresenceClusterIT}). Every test uses workspaces, rooms and keys of its own.
 *
 * <p>Waits are bounded and only wait for something to happen (a TTL to pass, a message to come);
 * no test asserts how long anything took.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PresenceContract {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration OUTAGE_DEADLINE = Duration.ofSeconds(2);

  private TestValkey valkey;
  private PresenceServer server;

  abstract TestValkey valkey();

  @BeforeAll
  void startService() throws InterruptedException {
    valkey = valkey();
    server = PresenceServer.startServing(valkey);
  }

  @AfterAll
  void stopService() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aUserIsOnlineWhileAnyDeviceIsWithTheMostAvailableStatus() {
    String workspace = id();
    String user = id();
    String stranger = id();

    HeartbeatResponse away = heartbeat(workspace, user, "phone", PresenceStatus.PRESENCE_STATUS_AWAY, 60);
    assertEquals(PresenceStatus.PRESENCE_STATUS_AWAY, away.getPresence().getStatus());
    HeartbeatResponse online = heartbeat(workspace, user, "laptop", PresenceStatus.PRESENCE_STATUS_ONLINE, 60);
    assertEquals(PresenceStatus.PRESENCE_STATUS_ONLINE, online.getPresence().getStatus());
    assertTrue(online.getPresence().hasExpireTime());

    List<UserPresence> found = get(workspace, user, stranger);
    assertEquals(user, found.get(0).getUserId());
    assertEquals(PresenceStatus.PRESENCE_STATUS_ONLINE, found.get(0).getStatus());
    assertEquals(online.getPresence().getLastSeenTime(), found.get(0).getLastSeenTime());
    assertEquals(UserPresence.newBuilder().setUserId(stranger)
        .setStatus(PresenceStatus.PRESENCE_STATUS_OFFLINE).build(), found.get(1));
    assertEquals(List.of(user), onlineUserIds(workspace, 0));
    // Another workspace knows nothing of it.
    assertEquals(PresenceStatus.PRESENCE_STATUS_OFFLINE, get(id(), user).get(0).getStatus());
  }

  @Test
  void expiredDevicesAndUsersNeverAppear() {
    String workspace = id();
    String brief = id();
    String lasting = id();
    // The lasting user's desk beats first, so it has lapsed too once the brief user has.
    heartbeat(workspace, lasting, "desk", PresenceStatus.PRESENCE_STATUS_ONLINE, 1);
    HeartbeatResponse briefBeat = heartbeat(workspace, brief, "desk", PresenceStatus.PRESENCE_STATUS_ONLINE, 1);
    heartbeat(workspace, lasting, "phone", PresenceStatus.PRESENCE_STATUS_BUSY, 60);
    assertEquals(sorted(brief, lasting), onlineUserIds(workspace, 0));

    // No watcher, so nothing swept: the reads compare expiries with the clock themselves. Once the
    // brief user reads OFFLINE, the lasting user's earlier desk has lapsed by the same clock.
    List<UserPresence> found = await().atMost(WAIT).until(() -> get(workspace, brief, lasting),
        users -> users.get(0).getStatus() == PresenceStatus.PRESENCE_STATUS_OFFLINE);
    assertEquals(PresenceStatus.PRESENCE_STATUS_OFFLINE, found.get(0).getStatus());
    assertFalse(found.get(0).hasExpireTime());
    assertEquals(briefBeat.getPresence().getLastSeenTime(), found.get(0).getLastSeenTime());
    assertEquals(PresenceStatus.PRESENCE_STATUS_BUSY, found.get(1).getStatus(), "the online desk lapsed, the busy phone did not");
    assertEquals(List.of(lasting), onlineUserIds(workspace, 0));

    HeartbeatResponse back = heartbeat(workspace, brief, "desk", PresenceStatus.PRESENCE_STATUS_AWAY, 60);
    assertEquals(PresenceStatus.PRESENCE_STATUS_AWAY, back.getPresence().getStatus());
    assertEquals(sorted(brief, lasting), onlineUserIds(workspace, 0));
  }

  @Test
  void listsOnlineUsersByUserIdInPages() {
    String workspace = id();
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      users.add(id());
      heartbeat(workspace, users.get(i), "desk", PresenceStatus.PRESENCE_STATUS_ONLINE, 60);
    }
    List<String> pages = new ArrayList<>();
    String token = "";
    int pageCount = 0;
    do {
      ListOnlineResponse page = server.presence().listOnline(ListOnlineRequest.newBuilder()
          .setWorkspaceId(workspace).setPageSize(3).setPageToken(token).build());
      assertTrue(page.getUsersCount() <= 3);
      page.getUsersList().forEach(user -> pages.add(user.getUserId()));
      token = page.getNextPageToken();
      pageCount++;
    } while (!token.isEmpty());
    assertEquals(users.stream().sorted().toList(), pages);
    assertEquals(3, pageCount);
  }

  @Test
  void watchersSeeOnlineStatusAndExpiryDrivenOfflineChangesOnce() throws InterruptedException {
    String workspace = id();
    String present = id();
    String comer = id();
    String marker = id();
    heartbeat(workspace, present, "desk", PresenceStatus.PRESENCE_STATUS_ONLINE, 60);

    // Two service instances watch the same workspace; both sweep it, and each lapse is published once.
    try (PresenceServer other = PresenceServer.startServing(valkey);
        Watching here = Watching.start(server.channel, workspace);
        Watching there = Watching.start(other.channel, workspace)) {
      for (Watching watching : List.of(here, there)) {
        WatchPresenceResponse snapshot = watching.next(WAIT);
        assertTrue(snapshot.getSnapshot());
        assertEquals(1, snapshot.getChangesCount());
        assertChange(snapshot.getChanges(0), present, PresenceChangeKind.PRESENCE_CHANGE_KIND_ONLINE,
            PresenceStatus.PRESENCE_STATUS_ONLINE);
      }

      heartbeat(workspace, comer, "phone", PresenceStatus.PRESENCE_STATUS_ONLINE, 60);
      HeartbeatResponse last = heartbeat(workspace, comer, "phone", PresenceStatus.PRESENCE_STATUS_AWAY, 1);

      for (Watching watching : List.of(here, there)) {
        assertChange(watching.nextChange(WAIT), comer, PresenceChangeKind.PRESENCE_CHANGE_KIND_ONLINE,
            PresenceStatus.PRESENCE_STATUS_ONLINE);
        assertChange(watching.nextChange(WAIT), comer, PresenceChangeKind.PRESENCE_CHANGE_KIND_STATUS,
            PresenceStatus.PRESENCE_STATUS_AWAY);
        PresenceChange offline = watching.nextChange(WAIT);
        assertChange(offline, comer, PresenceChangeKind.PRESENCE_CHANGE_KIND_OFFLINE,
            PresenceStatus.PRESENCE_STATUS_OFFLINE);
        assertEquals(last.getPresence().getExpireTime(), offline.getChangeTime(), "offline when the TTL lapsed");
      }

      // The next change after the lapse is the marker's, on both: no second OFFLINE from the other sweeper.
      heartbeat(workspace, marker, "desk", PresenceStatus.PRESENCE_STATUS_BUSY, 60);
      for (Watching watching : List.of(here, there)) {
        assertChange(watching.nextChange(WAIT), marker, PresenceChangeKind.PRESENCE_CHANGE_KIND_ONLINE,
            PresenceStatus.PRESENCE_STATUS_BUSY);
      }
    }
    assertEquals(sorted(present, marker), onlineUserIds(workspace, 0));
  }

  @Test
  void rateLimitAllowsExactlyTheLimitToConcurrentCallers() throws Exception {
    String key = "it:concurrent:" + id();
    int callers = 24;
    long limit = 10;
    CheckRateLimitRequest request = CheckRateLimitRequest.newBuilder().setWorkspaceId(id())
        .setKey(key).setLimit(limit).setWindow(Durations.fromSeconds(60)).setCost(1).build();
    List<CheckRateLimitResponse> answers = new ArrayList<>();
    // Half of the callers go through a second service instance: the count is shared in Valkey.
    try (PresenceServer other = PresenceServer.startServing(valkey)) {
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CheckRateLimitResponse>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          PresenceServer target = i % 2 == 0 ? server : other;
          calls.add(pool.submit(() -> {
            go.await();
            return target.presence().checkRateLimit(request);
          }));
        }
        go.countDown();
        for (Future<CheckRateLimitResponse> call : calls) {
          answers.add(call.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
    List<CheckRateLimitResponse> allowed = answers.stream().filter(CheckRateLimitResponse::getAllowed).toList();
    assertEquals(limit, allowed.size());
    assertEquals(LongStream.range(0, limit).boxed().toList(),
        allowed.stream().map(CheckRateLimitResponse::getRemaining).sorted().toList());
    for (CheckRateLimitResponse denied : answers.stream().filter(answer -> !answer.getAllowed()).toList()) {
      assertEquals(0, denied.getRemaining());
      assertTrue(Durations.toMillis(denied.getRetryAfter()) > 0, denied::toString);
      assertTrue(Durations.toMillis(denied.getRetryAfter()) <= 60_000, denied::toString);
    }
  }

  @Test
  void rateLimitCountsCostsAndStartsAgainAfterTheWindow() {
    String workspace = id();
    String key = "it:cost:" + id();
    Duration minute = Duration.ofMinutes(1);
    CheckRateLimitResponse first = checkRateLimit(workspace, key, 5, 3, minute);
    assertTrue(first.getAllowed());
    assertEquals(2, first.getRemaining());
    assertEquals(Durations.ZERO, first.getRetryAfter());

    CheckRateLimitResponse denied = checkRateLimit(workspace, key, 5, 3, minute);
    assertFalse(denied.getAllowed(), "denied is an answer, not an error");
    assertEquals(2, denied.getRemaining(), "a denied call counts nothing");
    assertTrue(Durations.toMillis(denied.getRetryAfter()) > 0);

    CheckRateLimitResponse one = checkRateLimit(workspace, key, 5, 0, minute);
    assertTrue(one.getAllowed());
    assertEquals(1, one.getRemaining(), "cost 0 counts 1");

    String brief = "it:window:" + id();
    CheckRateLimitResponse used = checkRateLimit(workspace, brief, 5, 5, Duration.ofSeconds(1));
    assertTrue(used.getAllowed());
    assertEquals(0, used.getRemaining());
    // Denied calls count nothing, so asking until one is allowed leaves the new window untouched.
    CheckRateLimitResponse fresh = await("a new window").atMost(WAIT)
        .until(() -> checkRateLimit(workspace, brief, 5, 5, Duration.ofSeconds(1)), CheckRateLimitResponse::getAllowed);
    assertEquals(0, fresh.getRemaining());
  }

  @Test
  void typingMarksLapseOrStop() {
    String workspace = id();
    String room = id();
    String first = id();
    String second = id();
    SetTypingResponse firstMark = setTyping(workspace, room, first, false);
    assertTrue(firstMark.hasExpireTime());
    setTyping(workspace, room, second, false);
    assertEquals(sorted(first, second), typing(workspace, room));

    assertFalse(setTyping(workspace, room, first, true).hasExpireTime());
    assertEquals(List.of(second), typing(workspace, room));

    await("the mark lapses").atMost(WAIT).until(() -> typing(workspace, room), List::isEmpty);
  }

  @Test
  void rateLimitCountersAreSeparatePerWorkspace() {
    String key = "it:tenant:" + id();
    String workspaceA = id();
    String workspaceB = id();
    Duration minute = Duration.ofMinutes(1);
    assertTrue(checkRateLimit(workspaceA, key, 1, 1, minute).getAllowed());
    assertFalse(checkRateLimit(workspaceA, key, 1, 1, minute).getAllowed());

    // Workspace A used its limit up; the same key of workspace B has a count of its own.
    CheckRateLimitResponse ofB = checkRateLimit(workspaceB, key, 1, 1, minute);
    assertTrue(ofB.getAllowed());
    assertEquals(0, ofB.getRemaining());
    assertFalse(checkRateLimit(workspaceB, key, 1, 1, minute).getAllowed());
  }

  @Test
  void typingMarksAreKeptPerWorkspace() {
    String room = id();
    String user = id();
    String workspaceA = id();
    String workspaceB = id();
    setTyping(workspaceA, room, user, false);

    assertEquals(List.of(user), typing(workspaceA, room));
    assertEquals(List.of(), typing(workspaceB, room));
    // Stopping the same room and user under workspace B leaves workspace A's mark.
    setTyping(workspaceB, room, user, true);
    assertEquals(List.of(user), typing(workspaceA, room));
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndWritesNothing() throws InterruptedException {
    String othersToken = otherWorkspacesPageToken(); // empties the store when done
    String workspace = id();
    String user = id();
    HeartbeatRequest beat = HeartbeatRequest.newBuilder().setWorkspaceId(workspace).setUserId(user)
        .setDeviceId("desk").setStatus(PresenceStatus.PRESENCE_STATUS_ONLINE).setTtl(Durations.fromSeconds(30)).build();

    assertInvalid("workspace_id", () -> server.presence().heartbeat(beat.toBuilder().setWorkspaceId("acme").build()));
    assertInvalid("user_id", () -> server.presence().heartbeat(beat.toBuilder().clearUserId().build()));
    assertInvalid("device_id", () -> server.presence().heartbeat(beat.toBuilder().setDeviceId("my phone").build()));
    assertInvalid("device_id", () -> server.presence().heartbeat(beat.toBuilder().setDeviceId("").build()));
    assertInvalid("status", () -> server.presence().heartbeat(beat.toBuilder()
        .setStatus(PresenceStatus.PRESENCE_STATUS_UNSPECIFIED).build()));
    assertInvalid("status", () -> server.presence().heartbeat(beat.toBuilder()
        .setStatus(PresenceStatus.PRESENCE_STATUS_OFFLINE).build()));
    assertInvalid("ttl", () -> server.presence().heartbeat(beat.toBuilder().clearTtl().build()));
    assertInvalid("ttl", () -> server.presence().heartbeat(beat.toBuilder().setTtl(Durations.fromMillis(999)).build()));
    assertInvalid("ttl", () -> server.presence().heartbeat(beat.toBuilder().setTtl(Durations.fromSeconds(601)).build()));

    GetPresenceRequest lookup = GetPresenceRequest.newBuilder().setWorkspaceId(workspace).addUserIds(user).build();
    assertInvalid("workspace_id", () -> server.presence().getPresence(lookup.toBuilder().setWorkspaceId("").build()));
    assertInvalid("user_ids", () -> server.presence().getPresence(lookup.toBuilder().clearUserIds().build()));
    assertInvalid("user_ids[1]", () -> server.presence().getPresence(lookup.toBuilder().addUserIds("bob").build()));
    assertInvalid("user_ids", () -> server.presence().getPresence(lookup.toBuilder().addUserIds(user).build()));
    assertInvalid("user_ids[1]", () -> server.presence().getPresence(lookup.toBuilder()
        .addUserIds(user.toUpperCase()).build()));
    assertInvalid("user_ids", () -> server.presence().getPresence(lookup.toBuilder()
        .addAllUserIds(Stream.generate(PresenceContract::id).limit(100).toList()).build()));

    ListOnlineRequest list = ListOnlineRequest.newBuilder().setWorkspaceId(workspace).build();
    assertInvalid("workspace_id", () -> server.presence().listOnline(list.toBuilder().setWorkspaceId("x").build()));
    assertInvalid("page_size", () -> server.presence().listOnline(list.toBuilder().setPageSize(101).build()));
    assertInvalid("page_size", () -> server.presence().listOnline(list.toBuilder().setPageSize(-1).build()));
    assertInvalid("page_token", () -> server.presence().listOnline(list.toBuilder().setPageToken("garbage").build()));
    assertInvalid("page_token", () -> server.presence().listOnline(list.toBuilder().setPageToken(othersToken).build()));

    try (Watching watching = Watching.start(server.channel, "not-a-workspace")) {
      assertEquals(Status.Code.INVALID_ARGUMENT, watching.awaitEnd(WAIT).getCode());
      assertEquals(List.of("workspace_id"), violatedFields(watching.error()));
    }

    SetTypingRequest mark = SetTypingRequest.newBuilder().setWorkspaceId(workspace).setRoomId(id()).setUserId(user)
        .build();
    assertInvalid("room_id", () -> server.presence().setTyping(mark.toBuilder().setRoomId("lobby").build()));
    assertInvalid("user_id", () -> server.presence().setTyping(mark.toBuilder().setUserId("me").build()));
    assertInvalid("workspace_id", () -> server.presence().setTyping(mark.toBuilder().clearWorkspaceId().build()));
    ListTypingRequest typists = ListTypingRequest.newBuilder().setWorkspaceId(workspace).setRoomId(id()).build();
    assertInvalid("room_id", () -> server.presence().listTyping(typists.toBuilder().setRoomId("").build()));
    assertInvalid("workspace_id", () -> server.presence().listTyping(typists.toBuilder().setWorkspaceId("x").build()));

    CheckRateLimitRequest check = CheckRateLimitRequest.newBuilder().setWorkspaceId(workspace).setKey("it:bad")
        .setLimit(5).setWindow(Durations.fromSeconds(10)).setCost(1).build();
    assertInvalid("workspace_id", () -> server.presence().checkRateLimit(check.toBuilder().clearWorkspaceId().build()));
    assertInvalid("key", () -> server.presence().checkRateLimit(check.toBuilder().setKey("").build()));
    assertInvalid("key", () -> server.presence().checkRateLimit(check.toBuilder().setKey("with space").build()));
    assertInvalid("key", () -> server.presence().checkRateLimit(check.toBuilder().setKey("k".repeat(201)).build()));
    assertInvalid("limit", () -> server.presence().checkRateLimit(check.toBuilder().setLimit(0).build()));
    assertInvalid("window", () -> server.presence().checkRateLimit(check.toBuilder().clearWindow().build()));
    assertInvalid("window", () -> server.presence().checkRateLimit(check.toBuilder()
        .setWindow(Durations.fromMillis(500)).build()));
    assertInvalid("cost", () -> server.presence().checkRateLimit(check.toBuilder().setCost(-1).build()));
    assertInvalid("cost", () -> server.presence().checkRateLimit(check.toBuilder().setCost(6).build()));

    assertEquals(0, valkey.dbSize(), "no refused request wrote a key");
  }

  @Test
  void aDeviceBeyondTheLimitIsRefusedAndChangesNothing() {
    valkey.flushAll();
    String workspace = id();
    String user = id();
    for (int i = 0; i < 10; i++) {
      heartbeat(workspace, user, "device-" + i, PresenceStatus.PRESENCE_STATUS_AWAY, 60);
    }
    long keys = valkey.dbSize();
    UserPresence before = get(workspace, user).get(0);

    assertInvalid("device_id", () -> heartbeat(workspace, user, "device-10", PresenceStatus.PRESENCE_STATUS_ONLINE, 60));

    assertEquals(keys, valkey.dbSize());
    assertEquals(before, get(workspace, user).get(0), "still AWAY: the refused ONLINE device was not stored");
    // A known device may still beat.
    assertEquals(PresenceStatus.PRESENCE_STATUS_ONLINE,
        heartbeat(workspace, user, "device-3", PresenceStatus.PRESENCE_STATUS_ONLINE, 60).getPresence().getStatus());
  }

  /**
   * Valkey goes away under a running service and comes back: calls get UNAVAILABLE within a 2 s
   * deadline meanwhile, open watches end with UNAVAILABLE, and the same service answers again
   * afterwards without a restart. It stops the server every test of this class shares; the finally
   * block starts it again whatever happens.
   */
  @Test
  void unavailableWhileValkeyIsAwayAndRecoversOnItsOwn() throws InterruptedException {
    String workspace = id();
    String user = id();
    heartbeat(workspace, user, "desk", PresenceStatus.PRESENCE_STATUS_ONLINE, 60);
    try (Watching watching = Watching.start(server.channel, workspace)) {
      assertTrue(watching.next(WAIT).getSnapshot());
      try {
        valkey.stop();

        assertStatus(Status.Code.UNAVAILABLE, () -> server.presence(OUTAGE_DEADLINE).heartbeat(beat(workspace, user, 60)));
        assertStatus(Status.Code.UNAVAILABLE, () -> server.presence(OUTAGE_DEADLINE).getPresence(GetPresenceRequest.newBuilder()
            .setWorkspaceId(workspace).addUserIds(user).build()));
        assertStatus(Status.Code.UNAVAILABLE, () -> server.presence(OUTAGE_DEADLINE).checkRateLimit(CheckRateLimitRequest.newBuilder()
            .setWorkspaceId(workspace).setKey("it:outage").setLimit(1).setWindow(Durations.fromSeconds(1)).build()));
        assertEquals(Status.Code.UNAVAILABLE, watching.awaitEnd(WAIT).getCode());
        assertEquals(ServingStatus.NOT_SERVING, server.awaitStatus(ServingStatus.NOT_SERVING, WAIT));
        assertStatus(Status.Code.UNAVAILABLE, () -> server.presence(OUTAGE_DEADLINE).listOnline(ListOnlineRequest.newBuilder()
            .setWorkspaceId(workspace).build()));
        try (Watching refused = Watching.start(server.channel, workspace)) {
          assertEquals(Status.Code.UNAVAILABLE, refused.awaitEnd(WAIT).getCode());
        }
      } finally {
        valkey.start();
      }
    }

    // No persistence: the restarted Valkey is empty, and the next heartbeat fills it again.
    HeartbeatResponse again = awaitAnswer(() -> server.presence(OUTAGE_DEADLINE).heartbeat(beat(workspace, user, 60)),
        Duration.ofSeconds(60));
    assertEquals(PresenceStatus.PRESENCE_STATUS_ONLINE, again.getPresence().getStatus());
    assertEquals(ServingStatus.SERVING, server.awaitStatus(ServingStatus.SERVING, WAIT));
    try (Watching watching = Watching.start(server.channel, workspace)) {
      WatchPresenceResponse snapshot = watching.next(WAIT);
      assertEquals(List.of(user), snapshot.getChangesList().stream().map(PresenceChange::getUserId).toList());
    }
    assertTrue(checkRateLimit(workspace, "it:after-outage:" + id(), 1, 1, Duration.ofSeconds(1)).getAllowed());
  }

  private HeartbeatResponse heartbeat(String workspace, String user, String device, PresenceStatus status,
      long ttlSeconds) {
    return server.presence().heartbeat(beat(workspace, user, ttlSeconds).toBuilder()
        .setDeviceId(device).setStatus(status).build());
  }

  private static HeartbeatRequest beat(String workspace, String user, long ttlSeconds) {
    return HeartbeatRequest.newBuilder().setWorkspaceId(workspace).setUserId(user).setDeviceId("desk")
        .setStatus(PresenceStatus.PRESENCE_STATUS_ONLINE).setTtl(Durations.fromSeconds(ttlSeconds)).build();
  }

  private List<UserPresence> get(String workspace, String... users) {
    return server.presence().getPresence(GetPresenceRequest.newBuilder()
        .setWorkspaceId(workspace).addAllUserIds(List.of(users)).build()).getPresencesList();
  }

  private List<String> onlineUserIds(String workspace, int pageSize) {
    return server.presence().listOnline(ListOnlineRequest.newBuilder()
            .setWorkspaceId(workspace).setPageSize(pageSize).build())
        .getUsersList().stream().map(UserPresence::getUserId).toList();
  }

  /** A page token of another workspace's list, after which the store is emptied. */
  private String otherWorkspacesPageToken() {
    String other = id();
    heartbeat(other, id(), "desk", PresenceStatus.PRESENCE_STATUS_ONLINE, 60);
    heartbeat(other, id(), "desk", PresenceStatus.PRESENCE_STATUS_ONLINE, 60);
    String token = server.presence().listOnline(ListOnlineRequest.newBuilder()
        .setWorkspaceId(other).setPageSize(1).build()).getNextPageToken();
    assertFalse(token.isEmpty());
    valkey.flushAll();
    return token;
  }

  private CheckRateLimitResponse checkRateLimit(String workspace, String key, long limit, long cost, Duration window) {
    return server.presence().checkRateLimit(CheckRateLimitRequest.newBuilder().setWorkspaceId(workspace)
        .setKey(key).setLimit(limit).setWindow(Durations.fromMillis(window.toMillis())).setCost(cost).build());
  }

  private SetTypingResponse setTyping(String workspace, String room, String user, boolean stopped) {
    return server.presence().setTyping(SetTypingRequest.newBuilder().setWorkspaceId(workspace)
        .setRoomId(room).setUserId(user).setStopped(stopped).build());
  }

  private List<String> typing(String workspace, String room) {
    return server.presence().listTyping(ListTypingRequest.newBuilder().setWorkspaceId(workspace).setRoomId(room)
        .build()).getUserIdsList();
  }

  private static void assertChange(PresenceChange change, String user, PresenceChangeKind kind, PresenceStatus status) {
    assertEquals(user, change.getUserId(), change::toString);
    assertEquals(kind, change.getKind(), change::toString);
    assertEquals(status, change.getStatus(), change::toString);
  }

  private static void assertInvalid(String field, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e::toString);
    assertTrue(violatedFields(e).contains(field), () -> "expected a violation on " + field + ": " + e);
  }

  private static List<String> violatedFields(Throwable failure) {
    com.google.rpc.Status status = StatusProto.fromThrowable(failure);
    if (status == null) {
      return List.of();
    }
    List<String> fields = new ArrayList<>();
    status.getDetailsList().stream().filter(detail -> detail.is(BadRequest.class)).forEach(detail -> {
      try {
        detail.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> fields.add(v.getField()));
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new IllegalStateException(e);
      }
    });
    return fields;
  }

  private static List<String> sorted(String... ids) {
    return Stream.of(ids).sorted().toList();
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
