package dev.polystore.presence.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalValkey;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.valkey.ValkeyConfig;
import dev.polystore.platform.valkey.ValkeyStore;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The presence scripts on devstack's real Valkey, run by a user who may do anything but PUBLISH,
 * as a script may not on ElastiCache: they write the state and return the changes to publish.
 * Under the opt-in Maven profile {@code managed-stores} (system property
 * {@code polystore.managed-stores}) with {@code VALKEY_URL} set, they run on that store instead
 * (ElastiCache Serverless, which lets no one change its users), as the service would run them.
 */
class PresenceScriptsIT {
  private static final String USER = "no-publish-" + UUID.randomUUID();
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> admin;
  private static StatefulRedisConnection<String, String> restricted;
  private static ValkeyStore managed;

  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void connect() {
    Env env = Env.system();
    if (Boolean.getBoolean("polystore.managed-stores") && env.has(ValkeyConfig.URL)) {
      managed = new ValkeyStore(ValkeyConfig.fromEnv(env));
      managed.migrate();
      return;
    }
    LocalValkey valkey = Devstack.valkey();
    client = RedisClient.create();
    admin = client.connect(RedisURI.create(valkey.url()));
    admin.sync().aclSetuser(USER, AclSetuserArgs.Builder.on().addPassword("secret").allKeys().allChannels()
        .allCommands().removeCommand(io.lettuce.core.protocol.CommandType.PUBLISH));
    restricted = client.connect(RedisURI.builder(RedisURI.create(valkey.url()))
        .withAuthentication(USER, "secret".toCharArray()).build());
  }

  @AfterAll
  static void disconnect() {
    if (managed != null) {
      managed.close();
      return;
    }
    restricted.close();
    admin.sync().aclDeluser(USER);
    admin.close();
    client.shutdown();
  }

  @Test
  void aHeartbeatAndASweepReturnTheirChangesInsteadOfPublishing() {
    RedisClusterCommands<String, String> commands;
    RedisClusterAsyncCommands<String, String> async;
    if (managed == null) {
      assertThrows(RedisCommandExecutionException.class, () -> restricted.sync().publish("any", "x"),
          "the user may not PUBLISH");
      commands = restricted.sync();
      async = restricted.async();
    } else {
      commands = managed.primary().sync();
      async = managed.primary().async();
    }
    long now = 1_700_000_000_000L;

    PresenceScripts.Reply beat = PresenceScripts.heartbeat(async, workspace, "u1", "d1", 2, now, 10_000, 5, 60_000)
        .toCompletableFuture().join();
    PresenceScripts.Reply again = PresenceScripts.heartbeat(async, workspace, "u1", "d1", 2, now + 1, 10_000, 5,
        60_000).toCompletableFuture().join();
    PresenceScripts.Reply swept = PresenceScripts.sweep(commands, workspace, now + 20_000, 100);

    assertEquals(new PresenceScripts.Reply(List.of(1L, now + 10_000, 2L, now), List.of("online u1 2 " + now)), beat);
    assertEquals(List.of(), again.changes(), "nothing changed for watchers");
    assertEquals(new PresenceScripts.Reply(List.of(1L), List.of("offline u1 4 " + (now + 10_001))), swept);
  }
}
