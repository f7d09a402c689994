package dev.polystore.presence.store;

import dev.polystore.platform.valkey.ValkeyScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The presence scripts (presence-state.lua). Each replies with its numbers, then the changes it
 * made for watchers ({@code "kind user status at"}, in order), which the caller publishes: a
 * script itself publishes nothing, as ElastiCache may refuse PUBLISH inside a script.
 */
final class PresenceScripts {
  private static final ValkeyScript HEARTBEAT =
      ValkeyScript.fromResources(PresenceScripts.class, "presence-state.lua", "heartbeat.lua");
  private static final ValkeyScript SWEEP =
      ValkeyScript.fromResources(PresenceScripts.class, "presence-state.lua", "sweep.lua");

  /** A script's numbers and the changes it made. */
  record Reply(List<Long> numbers, List<String> changes) {}

  private PresenceScripts() {}

  /** heartbeat.lua: {0}, or {1, online_until, status, last_seen} and the changes. */
  static CompletionStage<Reply> heartbeat(RedisClusterAsyncCommands<String, String> commands, String workspaceId,
      String userId, String deviceId, int status, long nowMillis, long ttlMillis, int maxDevices, long retentionMillis) {
    return HEARTBEAT.<List<Object>>runAsync(commands, ScriptOutputType.MULTI, PresenceKeys.workspace(workspaceId),
        Long.toString(nowMillis), userId, deviceId, Integer.toString(status), Long.toString(ttlMillis),
        Integer.toString(maxDevices), Long.toString(retentionMillis)).thenApply(PresenceScripts::reply);
  }

  /** sweep.lua: {settled} and the changes. */
  static Reply sweep(RedisClusterCommands<String, String> commands, String workspaceId, long nowMillis, int batch) {
    return reply(SWEEP.run(commands, ScriptOutputType.MULTI, PresenceKeys.workspace(workspaceId),
        Long.toString(nowMillis), Integer.toString(batch)));
  }

  private static Reply reply(List<Object> raw) {
    List<Long> numbers = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    for (Object item : raw) {
      if (item instanceof Long number) {
        numbers.add(number);
      } else {
        changes.add(String.valueOf(item));
      }
    }
    return new Reply(numbers, changes);
  }
}
