package dev.polystore.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.activity.v1.ListEventsRequest;
import dev.polystore.devstack.Devstack;
import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.DeleteMessageRequest;
import dev.polystore.messenger.v1.EditMessageRequest;
import dev.polystore.messenger.v1.Message;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.PostMessageRequest;
import dev.polystore.search.v1.QueryMode;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.SearchHit;
import dev.polystore.search.v1.SearchServiceGrpc;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #22 end to end through the production gateway: messenger's writes go through its outbox
 * and relay to Valkey, search indexes them and activity records them, each by its consumer group.
 */
class GatewayEventConsumersIT {
  /**
   * From PostMessage's answer to the message found by meaning (and likewise an edit or delete):
   * 10 s on a loaded 2-core machine; idle it is milliseconds (docs/benchmarks.md).
   */
  static final Duration FOUND_WITHIN = Duration.ofSeconds(10);
  /** After a FLUSHALL the relay notices the wipe and publishes the outbox's recent rows again. */
  static final Duration REPUBLISHED_WITHIN = Duration.ofSeconds(30);

  @TempDir
  static Path vectors;
  private static Gateway gateway;
  private static GatewayClient client;

  @BeforeAll
  static void start() throws InterruptedException {
    Map<String, String> env = new HashMap<>(Devstack.cassandra().env());
    env.putAll(Devstack.valkey().env());
    env.put("POSTGRES_WRITER_CONN", Devstack.postgres().connectionUrl());
    env.put("VECTOR_BACKEND", "embedded");
    env.put("VECTOR_DATA_DIR", vectors.toString());
    env.put("POLYSTORE_SERVICES", "messenger,search,activity");
    gateway = Gateway.start(GatewayClient.withAdmin(env), "--spring.grpc.server.port=0", "--server.port=0");
    client = new GatewayClient(gateway.port());
    for (String service : List.of("polystore.messenger.v1.MessengerService", "polystore.search.v1.SearchService",
        "polystore.activity.v1.ActivityService")) {
      assertEquals(ServingStatus.SERVING, client.awaitServing(service, Duration.ofSeconds(120)), service);
    }
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
  }

  private static MessengerServiceGrpc.MessengerServiceBlockingStub messenger() {
    return MessengerServiceGrpc.newBlockingStub(client.channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static String room(String workspace, String author) {
    return messenger().createRoom(CreateRoomRequest.newBuilder().setWorkspaceId(workspace).setName("general")
        .addMemberUserIds(author).build()).getRoom().getRoomId();
  }

  private static Message post(String workspace, String room, String author, String body) {
    return messenger().postMessage(PostMessageRequest.newBuilder().setWorkspaceId(workspace).setRoomId(room)
        .setAuthorId(author).setBody(body).setClientMessageId(UUID.randomUUID().toString()).build()).getMessage();
  }

  private static List<SearchHit> byMeaning(String workspace, String text, int topK) {
    return SearchServiceGrpc.newBlockingStub(client.channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .query(QueryRequest.newBuilder().setWorkspaceId(workspace).setText(text).setMode(QueryMode.QUERY_MODE_VECTOR)
            .setTopK(topK).build()).getHitsList();
  }

  private static String top(String workspace, String text) {
    List<SearchHit> hits = byMeaning(workspace, text, 3);
    return hits.isEmpty() ? "" : hits.get(0).getId();
  }

  private static List<String> trail(String workspace, String type) {
    Instant now = Instant.now();
    return ActivityServiceGrpc.newBlockingStub(client.channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .listEvents(ListEventsRequest.newBuilder().setWorkspaceId(workspace).setType(type).setPageSize(500)
            .setStartTime(Timestamp.newBuilder().setSeconds(now.minusSeconds(3600).getEpochSecond()))
            .setEndTime(Timestamp.newBuilder().setSeconds(now.plusSeconds(60).getEpochSecond())).build())
        .getEventsList().stream().map(event -> event.getSubject()).toList();
  }

  @Test
  void aPostedMessageIsFoundByMeaningAndEditsAndDeletesFollow() {
    String workspace = UUID.randomUUID().toString();
    String author = UUID.randomUUID().toString();
    String room = room(workspace, author);
    post(workspace, room, author, "my cat knocked the plant off the windowsill again");
    Message budget = post(workspace, room, author, "finance moved the quarterly budget review to thursday afternoon");
    post(workspace, room, author, "who wants to grab tacos for lunch today");
    String id = "message:" + budget.getMessageId();

    await().atMost(FOUND_WITHIN).ignoreExceptions()
        .until(() -> top(workspace, "when do we go over the money plans?").equals(id));

    messenger().editMessage(EditMessageRequest.newBuilder().setWorkspaceId(workspace).setMessageId(budget.getMessageId())
        .setAuthorId(author).setBody("the hiking trip up the mountain is on saturday").build());
    await().atMost(FOUND_WITHIN).until(() -> top(workspace, "an outdoor walk in the hills").equals(id)
        && byMeaning(workspace, "hiking", 1).get(0).getText().equals("the hiking trip up the mountain is on saturday"));

    messenger().deleteMessage(DeleteMessageRequest.newBuilder().setWorkspaceId(workspace)
        .setMessageId(budget.getMessageId()).setAuthorId(author).build());
    await().atMost(FOUND_WITHIN).until(() -> byMeaning(workspace, "budget", 10).stream().noneMatch(h -> h.getId().equals(id)));
    assertEquals(2, byMeaning(workspace, "anything", 10).size());

    // The audit trail has every write, once.
    await().atMost(FOUND_WITHIN).until(() -> trail(workspace, "message.deleted").size() == 1);
    assertEquals(3, trail(workspace, "message.posted").size());
    assertEquals(List.of(budget.getMessageId()), trail(workspace, "message.edited"));
  }

  @Test
  void afterAFlushallUnderWritesEveryCommittedMessageIsIndexedAndRecordedOnce() {
    String workspace = UUID.randomUUID().toString();
    String author = UUID.randomUUID().toString();
    String room = room(workspace, author);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add("message:" + post(workspace, room, author, "status update number " + i + " from the night shift")
          .getMessageId());
      if (i == 30) {
        Devstack.valkey().flushAll(); // the bus loses every stream, group and marker mid-way
      }
    }
    await().atMost(REPUBLISHED_WITHIN).until(() -> byMeaning(workspace, "night shift status", 100).size() == 60);
    assertEquals(ids.stream().sorted().toList(),
        byMeaning(workspace, "night shift status", 100).stream().map(SearchHit::getId).sorted().toList());
    await().atMost(REPUBLISHED_WITHIN).until(() -> trail(workspace, "message.posted").size() == 60);
    assertEquals(60, trail(workspace, "message.posted").stream().distinct().count(), "each recorded once");
  }
}
