package dev.polystore.presence.store;

import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.presence.domain.PresenceStatus;
import dev.polystore.presence.domain.PresenceStore;
import dev.polystore.presence.domain.UserPresence;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Presence in Valkey: every write is one script over the workspace's four keys (see
 * presence-state.lua); reads are plain commands, and compare device expiries with the clock. The
 * changes a script made are published right after it, from here, in the order it made them.
 * Should that publish fail, the write stands and watchers miss the change, as they would any
 * message published while their feed was down (the feed tells them so).
 */
public final class ValkeyPresenceStore implements PresenceStore {
  /** How long a workspace's state, last-seen times included, outlives its last heartbeat. */
  static final Duration RETENTION = Duration.ofDays(30);

  private final ValkeyStore valkey;

  public ValkeyPresenceStore(ValkeyStore valkey) {
    this.valkey = valkey;
  }

  @Override
  public CompletionStage<Optional<UserPresence>> heartbeat(String workspaceId, String userId, String deviceId,
      PresenceStatus status, Duration ttl, Instant now, int maxDevices) {
    RedisClusterAsyncCommands<String, String> commands = valkey.primary().async();
    return PresenceScripts.heartbeat(commands, workspaceId, userId, deviceId, status.code(), now.toEpochMilli(),
            ttl.toMillis(), maxDevices, RETENTION.plus(ttl).toMillis())
        .thenCompose(reply -> published(commands, workspaceId, reply.changes()).thenApply(done -> written(userId, reply)));
  }

  private static Optional<UserPresence> written(String userId, PresenceScripts.Reply reply) {
    List<Long> result = reply.numbers();
    if (result.get(0) == 0) {
      return Optional.empty();
    }
    return Optional.of(new UserPresence(userId, PresenceStatus.ofCode(result.get(2).intValue()),
        Optional.of(Instant.ofEpochMilli(result.get(3))), Optional.of(Instant.ofEpochMilli(result.get(1)))));
  }

  @Override
  public List<UserPresence> find(String workspaceId, List<String> userIds, Instant now) {
    return read(valkey.replicaPreferred().sync(), workspaceId, userIds, now);
  }

  @Override
  public List<UserPresence> online(String workspaceId, Optional<String> afterUserId, int limit, Instant now,
      boolean fresh) {
    RedisClusterCommands<String, String> commands = (fresh ? valkey.primary() : valkey.replicaPreferred()).sync();
    List<UserPresence> online = new ArrayList<>(limit);
    Optional<String> after = afterUserId;
    // The index can still hold users whose lapse is not swept yet; skip them and read on.
    while (online.size() < limit) {
      Range<String> range = Range.from(
          after.map(Range.Boundary::excluding).orElse(Range.Boundary.unbounded()), Range.Boundary.unbounded());
      int batch = limit - online.size();
      List<String> users = commands.zrangebylex(PresenceKeys.online(workspaceId), range, Limit.create(0, batch));
      for (UserPresence user : read(commands, workspaceId, users, now)) {
        if (user.isOnline()) {
          online.add(user);
        }
      }
      if (users.size() < batch) {
        break;
      }
      after = Optional.of(users.get(users.size() - 1));
    }
    return online;
  }

  @Override
  public int sweep(String workspaceId, Instant now, int batch) {
    PresenceScripts.Reply reply = PresenceScripts.sweep(valkey.primary().sync(), workspaceId, now.toEpochMilli(), batch);
    publish(workspaceId, reply.changes());
    return reply.numbers().get(0).intValue();
  }

  /**
   * Sent together (Lettuce pipelines them on the connection): done when every change is published,
   * each within the connection's command timeout (Lettuce expires async commands too).
   */
  private static CompletionStage<Void> published(RedisClusterAsyncCommands<String, String> commands,
      String workspaceId, List<String> changes) {
    if (changes.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    String channel = PresenceKeys.channel(workspaceId);
    return CompletableFuture.allOf(changes.stream()
        .map(change -> commands.publish(channel, change).toCompletableFuture()).toArray(CompletableFuture[]::new));
  }

  /** As {@link #published}, waited for: sweeps run on the sweeper's own thread. */
  private void publish(String workspaceId, List<String> changes) {
    if (!LettuceFutures.awaitAll(valkey.config().commandTimeout(),
        published(valkey.primary().async(), workspaceId, changes).toCompletableFuture())) {
      throw new RedisCommandTimeoutException("publishing presence changes took over " + valkey.config().commandTimeout());
    }
  }

  /** Two reads of the same slot; a heartbeat between them can only make the answer newer. */
  private static List<UserPresence> read(RedisClusterCommands<String, String> commands, String workspaceId,
      List<String> userIds, Instant now) {
    if (userIds.isEmpty()) {
      return List.of();
    }
    String[] fields = userIds.toArray(String[]::new);
    List<KeyValue<String, String>> records = commands.hmget(PresenceKeys.users(workspaceId), fields);
    List<KeyValue<String, String>> devices = commands.hmget(PresenceKeys.devices(workspaceId), fields);
    List<UserPresence> found = new ArrayList<>(userIds.size());
    for (int i = 0; i < userIds.size(); i++) {
      found.add(PresenceRecords.user(userIds.get(i), records.get(i).getValueOrElse(null),
          devices.get(i).getValueOrElse(null), now));
    }
    return found;
  }
}
