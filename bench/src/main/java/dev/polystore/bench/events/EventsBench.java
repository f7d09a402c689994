package dev.polystore.bench.events;

import dev.polystore.bench.BenchGateway;
import dev.polystore.bench.ChatRoom;
import dev.polystore.devstack.Devstack;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.PostMessageRequest;
import dev.polystore.search.v1.QueryMode;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.SearchServiceGrpc;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Issue #22's numbers: events per second end to end (PostMessage through messenger's outbox,
 * relay and stream, to search's index and activity's audit trail) and the lag on the way, with
 * messenger, search and activity in one gateway on devstack's engines. Run with
 * {@code -Dbench.main=dev.polystore.bench.events.EventsBench}; {@code bench.events.messages}
 * (2000) messages from {@code bench.events.clients} (4) clients.
 */
public final class EventsBench {
  private static final String SEARCH = "search";
  private static final String ACTIVITY = "activity";

  private EventsBench() {}

  public static void main(String[] args) throws Exception {
    int messages = Integer.getInteger("bench.events.messages", 2000);
    int clients = Integer.getInteger("bench.events.clients", 4);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Metrics.addRegistry(meters);
    Map<String, String> env = new HashMap<>(ChatRoom.freshStores());
    env.putAll(Devstack.cassandra().env());
    Path vectors = Files.createTempDirectory("bench-events");
    env.put("VECTOR_BACKEND", "embedded");
    env.put("VECTOR_DATA_DIR", vectors.toString());
    try (BenchGateway gateway = BenchGateway.start("messenger,search,activity", env)) {
      awaitServing(gateway, "polystore.search.v1.SearchService");
      awaitServing(gateway, "polystore.activity.v1.ActivityService");
      String workspace = UUID.randomUUID().toString();
      String user = UUID.randomUUID().toString();
      String room = ChatRoom.create(gateway, workspace, user, "events");

      post(gateway, workspace, room, user, 200, clients); // warm-up: JIT, the embedder, the namespace
      awaitHandled(meters, 200);
      Snapshot before = Snapshot.of(meters);
      long start = System.nanoTime();
      post(gateway, workspace, room, user, messages, clients);
      double posted = (System.nanoTime() - start) / 1e9;
      double searched = Double.NaN;
      double audited = Double.NaN;
      while (Double.isNaN(searched) || Double.isNaN(audited)) { // both groups read the stream at once
        double now = (System.nanoTime() - start) / 1e9;
        if (Double.isNaN(searched) && handled(meters, SEARCH) >= before.search + messages) {
          searched = now;
        }
        if (Double.isNaN(audited) && handled(meters, ACTIVITY) >= before.activity + messages) {
          audited = now;
        }
        Thread.sleep(5);
      }
      Snapshot after = Snapshot.of(meters);
      System.out.printf(Locale.ROOT, "%d messages from %d clients: posted in %.1f s (%.0f/s)%n", messages, clients,
          posted, messages / posted);
      System.out.printf(Locale.ROOT, "search indexed all %.1f s after the first post: %.0f events/s end to end; "
          + "stream lag mean %.0f ms%n", searched, messages / searched, after.searchLagMean(before));
      System.out.printf(Locale.ROOT, "activity recorded all %.1f s after the first post: %.0f events/s end to end; "
          + "stream lag mean %.0f ms%n", audited, messages / audited, after.activityLagMean(before));
      idleLatency(gateway, workspace, room, user);
    }
    System.exit(0);
  }

  /** On a quiet system: from PostMessage's answer until a query by meaning finds the message. */
  private static void idleLatency(BenchGateway gateway, String workspace, String room, String user)
      throws InterruptedException {
    var messenger = MessengerServiceGrpc.newBlockingStub(gateway.channel());
    var search = SearchServiceGrpc.newBlockingStub(gateway.channel());
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String word = "zebra" + UUID.randomUUID().toString().substring(0, 8);
      String id = "message:" + messenger.withDeadlineAfter(5, TimeUnit.SECONDS).postMessage(PostMessageRequest
          .newBuilder().setWorkspaceId(workspace).setRoomId(room).setAuthorId(user).setBody("code word " + word)
          .setClientMessageId(UUID.randomUUID().toString()).build()).getMessage().getMessageId();
      long posted = System.nanoTime();
      QueryRequest query = QueryRequest.newBuilder().setWorkspaceId(workspace).setText(word)
          .setMode(QueryMode.QUERY_MODE_FULL_TEXT).setTopK(1).build();
      while (search.withDeadlineAfter(5, TimeUnit.SECONDS).query(query).getHitsList().stream()
          .noneMatch(hit -> hit.getId().equals(id))) {
        Thread.sleep(2);
      }
      samples.add((System.nanoTime() - posted) / 1e6);
    }
    samples.sort(null);
    System.out.printf(Locale.ROOT, "idle: posted to found in search, p50 %.0f ms, max %.0f ms (20 messages)%n",
        samples.get(samples.size() / 2), samples.get(samples.size() - 1));
  }

  private static void post(BenchGateway gateway, String workspace, String room, String user, int count, int clients)
      throws Exception {
    var messenger = MessengerServiceGrpc.newBlockingStub(gateway.channel());
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int share = count / clients + (c < count % clients ? 1 : 0);
        done.add(pool.submit(() -> {
          for (int i = 0; i < share; i++) {
            messenger.withDeadlineAfter(10, TimeUnit.SECONDS)
                .postMessage(ChatRoom.message(workspace, room, user, UUID.randomUUID().toString()));
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void awaitServing(BenchGateway gateway, String service) throws InterruptedException {
    var health = HealthGrpc.newBlockingStub(gateway.channel());
    for (int i = 0; i < 600; i++) {
      try {
        if (health.withDeadlineAfter(2, TimeUnit.SECONDS).check(HealthCheckRequest.newBuilder().setService(service)
            .build()).getStatus() == ServingStatus.SERVING) {
          return;
        }
      } catch (RuntimeException e) {
        // not yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(service + " did not become SERVING");
  }

  private static void awaitHandled(SimpleMeterRegistry meters, int count) throws InterruptedException {
    awaitHandled(meters, SEARCH, count);
    awaitHandled(meters, ACTIVITY, count);
  }

  private static void awaitHandled(SimpleMeterRegistry meters, String group, double count)
      throws InterruptedException {
    while (handled(meters, group) < count) {
      Thread.sleep(5);
    }
  }

  private static double handled(SimpleMeterRegistry meters, String group) {
    return meters.find("polystore.events.handled").tag("messaging.consumer.group.name", group)
        .tag("messaging.destination.name", "events:{messenger}").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static Timer lag(SimpleMeterRegistry meters, String group) {
    return meters.find("polystore.events.lag").tag("messaging.consumer.group.name", group)
        .tag("messaging.destination.name", "events:{messenger}").timer();
  }

  /** The counters and lag timers at one moment. */
  private record Snapshot(double search, double activity, double searchLagTotal, long searchLagCount,
      double activityLagTotal, long activityLagCount) {
    static Snapshot of(SimpleMeterRegistry meters) {
      Timer searchLag = lag(meters, SEARCH);
      Timer activityLag = lag(meters, ACTIVITY);
      return new Snapshot(handled(meters, SEARCH), handled(meters, ACTIVITY),
          searchLag.totalTime(TimeUnit.MILLISECONDS), searchLag.count(),
          activityLag.totalTime(TimeUnit.MILLISECONDS), activityLag.count());
    }

    double searchLagMean(Snapshot before) {
      return (searchLagTotal - before.searchLagTotal) / Math.max(1, searchLagCount - before.searchLagCount);
    }

    double activityLagMean(Snapshot before) {
      return (activityLagTotal - before.activityLagTotal) / Math.max(1, activityLagCount - before.activityLagCount);
    }
  }
}
