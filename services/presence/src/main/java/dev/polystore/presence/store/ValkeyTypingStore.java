package dev.polystore.presence.store;

import dev.polystore.platform.valkey.ValkeyScript;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.presence.domain.TypingStore;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Typing marks in Valkey: one sorted set per workspace and room, users scored by when their mark lapses. */
public final class ValkeyTypingStore implements TypingStore {
  /** The room's key outlives its newest mark by this much, then goes away by itself. */
  private static final Duration KEY_GRACE = Duration.ofSeconds(1);
  private static final ValkeyScript TYPING = ValkeyScript.fromResources(ValkeyTypingStore.class, "typing.lua");

  private final ValkeyStore valkey;

  public ValkeyTypingStore(ValkeyStore valkey) {
    this.valkey = valkey;
  }

  @Override
  public void mark(String workspaceId, String roomId, String userId, Instant expiry, Instant now) {
    long keyTtl = Duration.between(now, expiry).plus(KEY_GRACE).toMillis();
    TYPING.run(valkey.primary().sync(), ScriptOutputType.INTEGER,
        new String[] {PresenceKeys.typing(workspaceId, roomId)},
        Long.toString(now.toEpochMilli()), userId, Long.toString(expiry.toEpochMilli()), Long.toString(keyTtl));
  }

  @Override
  public void clear(String workspaceId, String roomId, String userId, Instant now) {
    TYPING.run(valkey.primary().sync(), ScriptOutputType.INTEGER,
        new String[] {PresenceKeys.typing(workspaceId, roomId)},
        Long.toString(now.toEpochMilli()), userId, "", "0");
  }

  @Override
  public List<String> typing(String workspaceId, String roomId, Instant now) {
    List<String> users = valkey.replicaPreferred().sync().zrangebyscore(PresenceKeys.typing(workspaceId, roomId),
        Range.from(Range.Boundary.excluding(now.toEpochMilli()), Range.Boundary.unbounded()));
    return users.stream().sorted().toList();
  }
}
