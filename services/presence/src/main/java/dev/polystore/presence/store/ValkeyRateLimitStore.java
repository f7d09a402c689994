package dev.polystore.presence.store;

import dev.polystore.platform.valkey.ValkeyScript;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.presence.domain.RateLimitDecision;
import dev.polystore.presence.domain.RateLimitStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Rate limits in Valkey: one counter per workspace and key, checked and counted by one script (rate-limit.lua), so
 * concurrent callers on any number of service instances never count past the limit. Asynchronous,
 * so that CheckRateLimit holds no thread while Valkey answers (NonBlockingMethods).
 */
public final class ValkeyRateLimitStore implements RateLimitStore {
  private static final ValkeyScript RATE_LIMIT =
      ValkeyScript.fromResources(ValkeyRateLimitStore.class, "rate-limit.lua");

  private final ValkeyStore valkey;

  public ValkeyRateLimitStore(ValkeyStore valkey) {
    this.valkey = valkey;
  }

  @Override
  public CompletionStage<RateLimitDecision> check(String workspaceId, String key, long limit, long cost,
      Duration window) {
    return RATE_LIMIT.<List<Long>>runAsync(valkey.primary().async(), ScriptOutputType.MULTI,
        new String[] {PresenceKeys.rateLimit(workspaceId, key)},
        Long.toString(limit), Long.toString(cost), Long.toString(window.toMillis()))
        .thenApply(result -> new RateLimitDecision(result.get(0) == 1, result.get(1),
            Duration.ofMillis(Math.max(0, result.get(2))), Duration.ofMillis(Math.max(0, result.get(3)))));
  }
}
