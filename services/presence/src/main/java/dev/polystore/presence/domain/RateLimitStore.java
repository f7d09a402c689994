package dev.polystore.presence.domain;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Where rate-limit counts are kept: one count per workspace and key, never shared between workspaces. */
public interface RateLimitStore {

  /**
   * Atomically: counts {@code cost} against the workspace's key's current window if it fits
   * {@code limit}, opening a window of {@code window} when none is open. A denied call counts
   * nothing. The workspace id arrives canonical (see {@link Ids}). The stage completes once the
   * store has answered, with the decision or the store's failure; the caller's thread never waits.
   */
  CompletionStage<RateLimitDecision> check(String workspaceId, String key, long limit, long cost, Duration window);
}
