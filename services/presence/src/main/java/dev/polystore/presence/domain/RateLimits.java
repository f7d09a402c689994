package dev.polystore.presence.domain;

import dev.polystore.platform.errors.ServiceException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The rules of rate-limit checks; the counting itself is one atomic step in the store. Keys are
 * counted per workspace, so one workspace's calls neither use up nor reveal another's limits.
 */
public final class RateLimits {
  public static final long MAX_LIMIT = 1_000_000;
  public static final Duration MIN_WINDOW = Duration.ofSeconds(1);
  public static final Duration MAX_WINDOW = Duration.ofDays(1);
  private static final Pattern KEY = Pattern.compile("[!-~]{1,200}");

  private final RateLimitStore store;

  public RateLimits(RateLimitStore store) {
    this.store = store;
  }

  /** {@code cost} 0 means 1. Bad arguments are thrown here; the store's answer comes in the stage. */
  public CompletionStage<RateLimitDecision> check(String workspaceId, String key, long limit, Duration window, long cost) {
    String workspace = Ids.uuid("workspace_id", workspaceId);
    if (key == null || !KEY.matcher(key).matches()) {
      throw ServiceException.invalid("key", "string.pattern", "must be 1 to 200 printable ASCII characters without spaces");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ServiceException.invalid("limit", "int64.range", "must be between 1 and " + MAX_LIMIT);
    }
    if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
      throw ServiceException.invalid("window", "duration.range", "must be between 1s and 1d");
    }
    long counted = cost == 0 ? 1 : cost;
    // A call that could never fit would be denied forever: that is the caller's mistake, not a limit.
    if (counted < 0 || counted > limit) {
      throw ServiceException.invalid("cost", "cost.within_limit", "must be between 0 and limit (" + limit + ")");
    }
    return store.check(workspace, key, limit, counted, window);
  }
}
