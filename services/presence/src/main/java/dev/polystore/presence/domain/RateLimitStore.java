package dev.polystore.presence.domain;

import java.time.Duration;

/** Where rate-limit counts are kept. */
public interface RateLimitStore {

  /**
   * Atomically: counts {@code cost} against the key's current window if it fits {@code limit}, opening
   * a window of {@code window} when none is open. A denied call counts nothing.
   */
  RateLimitDecision check(String key, long limit, long cost, Duration window);
}
