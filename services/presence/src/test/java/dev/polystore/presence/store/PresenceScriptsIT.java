package dev.polystore.presence.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalValkey;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The presence scripts on devstack's real Valkey, run by a user who may do anything but PUBLISH,
 * as a script may not on ElastiCache: they write the state and return the changes to publish.
 */
class PresenceScriptsIT {
  private static final String USER = "no-publish-" + UUID.randomUUID();
  private static final LocalValkey VALKEY = Devstack.valkey();
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> admin;
  private static StatefulRedisConnection<String, String> restricted;

  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void connect() {
    client = RedisClient.create();
    admin = client.connect(RedisURI.create(VALKEY.url()));
    admin.sync().aclSetuser(USER, AclSetuserArgs.Builder.on().addPassword("secret").allKeys().allChannels()
        .allCommands().removeCommand(io.lettuce.core.protocol.CommandType.PUBLISH));
    restricted = client.connect(RedisURI.builder(RedisURI.create(VALKEY.url()))
        .withAuthentication(USER, "secret".toCharArray()).build());
  }

  @AfterAll
  static void disconnect() {
    restricted.close();
    admin.sync().aclDeluser(USER);
    admin.close();
    client.shutdown();
  }

  @Test
  void aHeartbeatAndASweepReturnTheirChangesInsteadOfPublishing() {
    assertThrows(RedisCommandExecutionException.class, () -> restricted.sync().publish("any", "x"),
        "the user may not PUBLISH");
    long now = 1_700_000_000_000L;

    PresenceScripts.Reply beat = PresenceScripts.heartbeat(restricted.sync(), workspace, "u1", "d1", 2, now,
        10_000, 5, 60_000);
    PresenceScripts.Reply again = PresenceScripts.heartbeat(restricted.sync(), workspace, "u1", "d1", 2, now + 1,
        10_000, 5, 60_000);
    PresenceScripts.Reply swept = PresenceScripts.sweep(restricted.sync(), workspace, now + 20_000, 100);

    assertEquals(new PresenceScripts.Reply(List.of(1L, now + 10_000, 2L, now), List.of("online u1 2 " + now)), beat);
    assertEquals(List.of(), again.changes(), "nothing changed for watchers");
    assertEquals(new PresenceScripts.Reply(List.of(1L), List.of("offline u1 4 " + (now + 10_001))), swept);
  }
}
