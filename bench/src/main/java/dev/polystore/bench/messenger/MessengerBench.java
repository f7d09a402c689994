package dev.polystore.bench.messenger;

import dev.polystore.bench.BenchGateway;
import dev.polystore.bench.BenchSuite;
import dev.polystore.bench.Comparison;
import dev.polystore.bench.LoadRunner;
import dev.polystore.bench.Measurement;
import dev.polystore.bench.PostgresGatewayEnv;
import dev.polystore.messenger.api.MessengerEvents;
import dev.polystore.messenger.domain.MessageRange;
import dev.polystore.messenger.domain.NewMessage;
import dev.polystore.messenger.domain.PostOutcome;
import dev.polystore.messenger.store.AsyncMessagePosts;
import dev.polystore.messenger.store.MessagePageSql;
import dev.polystore.messenger.store.MessageRows;
import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.ListMessagesRequest;
import dev.polystore.messenger.v1.MessengerServiceGrpc.MessengerServiceBlockingStub;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.PostMessageRequest;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.ids.UuidV7;
import dev.polystore.platform.postgres.OutboxWriter;
import dev.polystore.platform.postgres.PostgresConfig;
import dev.polystore.platform.postgres.PostgresPools;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * PostMessage and ListMessages through the gateway over loopback gRPC, against the same SQL issued
 * directly through Jdbi (the post's transaction, {@link JdbiPosts}; the keyset page), on the same
 * database in the same run; PostMessage also against the service's own store, on the asynchronous
 * client, used directly.
 */
public final class MessengerBench implements BenchSuite {
  private static final String DATABASE = "messenger";
  /** Each client posts to a room of its own, as users of different rooms do: no two wait on one room's lock. */
  private static final int POST_ROOMS = 64;
  private static final int LIST_ROOMS = 8;
  private static final int MESSAGES_PER_LIST_ROOM = 2000;
  private static final int PAGE_SIZE = 50;
  private static final MessageRows PAGE_ROWS = new MessageRows();
  private static final String BODY = "a message of about the length people write in a chat, give or take a few words";

  @Override
  public String name() {
    return "messenger";
  }

  @Override
  public List<Comparison> run(LoadRunner runner, List<Integer> clientCounts) throws Exception {
    Map<String, String> env = PostgresGatewayEnv.fresh(DATABASE);
    List<Comparison> results = new ArrayList<>();
    try (BenchGateway gateway = BenchGateway.start("messenger", env);
        PostgresPools pools = new PostgresPools(PostgresConfig.fromEnv(new Env(env), DATABASE), "bench-direct")) {
      MessengerServiceBlockingStub stub = MessengerServiceGrpc.newBlockingStub(gateway.channel());
      UuidV7 ids = UuidV7.create();
      // The direct side writes the outbox row too, as the service does: the same work per post.
      OutboxWriter events = new OutboxWriter(new MessengerEvents(), ids, Clock.systemUTC());
      JdbiPosts direct = new JdbiPosts(pools.writer(), events, ids, Clock.systemUTC());
      AsyncMessagePosts asyncDirect = new AsyncMessagePosts(pools.async(), events, Clock.systemUTC());
      UUID author = UUID.randomUUID();
      UUID workspace = UUID.randomUUID();

      // PostMessage: each side posts to rooms of its own, each client to one room.
      List<String> gatewayRooms = rooms(stub, workspace, "post-gateway", POST_ROOMS, author);
      List<UUID> directRooms = rooms(stub, workspace, "post-direct", POST_ROOMS, author).stream()
          .map(UUID::fromString).toList();
      // What the loopback gRPC round trip alone allows here: the bound column of each table.
      Map<Integer, Measurement> noOps = gateway.noOps(runner, clientCounts);
      for (int clients : clientCounts) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Measurement viaGateway = runner.run("PostMessage-gateway", clients, (client, seq) ->
            stub.withDeadlineAfter(5, TimeUnit.SECONDS).postMessage(PostMessageRequest.newBuilder()
                .setWorkspaceId(workspace.toString())
                .setRoomId(gatewayRooms.get(client % POST_ROOMS))
                .setAuthorId(author.toString())
                .setBody(BODY)
                .setClientMessageId(run + "-" + client + "-" + seq)
                .build()));
        Measurement viaJdbi = runner.run("PostMessage-direct", clients, (client, seq) ->
            created(direct.post(new NewMessage(workspace, directRooms.get(client % POST_ROOMS), author,
                run + "-" + client + "-" + seq, BODY))));
        // The service's own store on its driver, used directly (each bench thread waits for its
        // post): on some machines the faster direct side, so the stricter bound.
        Measurement viaAsync = runner.run("PostMessage-direct, asynchronous transaction", clients, (client, seq) ->
            created(asyncDirect.post(new NewMessage(workspace, directRooms.get(client % POST_ROOMS), author,
                "a" + run + "-" + client + "-" + seq, BODY), ids).toCompletableFuture().join()));
        results.add(new Comparison("PostMessage", viaGateway, viaJdbi, Optional.of(noOps.get(clients))));
        results.add(new Comparison("PostMessage, against the asynchronous transaction direct", viaGateway, viaAsync,
            Optional.of(noOps.get(clients))));
      }

      // ListMessages: a page of 50 back from a cursor somewhere in a room of 2000, both sides the same rooms.
      List<String> listRooms = rooms(stub, workspace, "list", LIST_ROOMS, author);
      List<List<UUID>> cursors = new ArrayList<>();
      for (String room : listRooms) {
        List<UUID> posted = new ArrayList<>();
        for (int i = 0; i < MESSAGES_PER_LIST_ROOM; i++) {
          posted.add(created(direct.post(new NewMessage(workspace, UUID.fromString(room), author, "seed-" + i, BODY))));
        }
        cursors.add(posted);
      }
      // The posts above leave PostgreSQL work to do (autovacuum, analyze, a checkpoint) that would
      // otherwise land in whichever side runs first; do it now, outside both.
      pools.writer().useHandle(handle -> {
        handle.execute("VACUUM ANALYZE messages");
        handle.execute("CHECKPOINT");
      });
      for (int clients : clientCounts) {
        Measurement viaGateway = runner.run("ListMessages-gateway", clients, (client, seq) -> {
          int room = (int) ((client + seq) % LIST_ROOMS);
          UUID cursor = cursor(cursors.get(room), seq);
          int got = stub.withDeadlineAfter(5, TimeUnit.SECONDS).listMessages(ListMessagesRequest.newBuilder()
              .setWorkspaceId(workspace.toString()).setRoomId(listRooms.get(room)).setPageSize(PAGE_SIZE).setBeforeMessageId(cursor.toString()).build())
              .getMessagesCount();
          requireFullPage(got);
        });
        Measurement viaJdbi = runner.run("ListMessages-direct", clients, (client, seq) -> {
          int room = (int) ((client + seq) % LIST_ROOMS);
          UUID cursor = cursor(cursors.get(room), seq);
          MessageRange range = MessageRange.of(Optional.of(cursor), Optional.empty(), PAGE_SIZE);
          // The service's page query over JDBC, the faster direct driver here (the service itself
          // reads it asynchronously, docs/benchmarks.md session 18): the stricter bound.
          requireFullPage(pools.reader().withHandle(handle -> handle.createQuery(MessagePageSql.named(range.direction()))
              .bind("roomId", UUID.fromString(listRooms.get(room))).bind("workspaceId", workspace)
              .bind("fetchSize", range.fetchSize()).bind("cursor", cursor).map(PAGE_ROWS).list()).size() - 1);
        });
        results.add(new Comparison("ListMessages", viaGateway, viaJdbi, Optional.of(noOps.get(clients))));
      }
    }
    return results;
  }

  /** The new message's id; a post that created nothing is a broken run. */
  private static UUID created(PostOutcome outcome) {
    if (!(outcome instanceof PostOutcome.Created created)) {
      throw new IllegalStateException("not posted: " + outcome);
    }
    return created.message().id();
  }

  /** Rooms with {@code member} in them, created through the gateway. */
  private static List<String> rooms(MessengerServiceBlockingStub stub, UUID workspace, String prefix, int count,
      UUID member) {
    List<String> rooms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rooms.add(stub.createRoom(CreateRoomRequest.newBuilder().setWorkspaceId(workspace.toString())
          .setName(prefix + " " + i).addMemberUserIds(member.toString()).build()).getRoom().getRoomId());
    }
    return rooms;
  }

  /** A cursor with at least a full page below it, spread over the room. */
  private static UUID cursor(List<UUID> posted, long seq) {
    return posted.get(PAGE_SIZE + 1 + (int) ((seq * 7919) % (posted.size() - PAGE_SIZE - 1)));
  }

  private static void requireFullPage(int messages) {
    if (messages != PAGE_SIZE) {
      throw new IllegalStateException("a page of " + messages + " messages, not " + PAGE_SIZE);
    }
  }
}
