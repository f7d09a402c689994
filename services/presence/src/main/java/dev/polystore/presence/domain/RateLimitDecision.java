package dev.polystore.presence.domain;

import java.time.Duration;

/**
 * The answer to one rate-limit check.
 *
 * @param remaining cost still allowed in the current window, after this call
 * @param retryAfter how long to wait before the same call can be allowed; zero when allowed
 * @param resetAfter how long until the current window ends
 */
public record RateLimitDecision(boolean allowed, long remaining, Duration retryAfter, Duration resetAfter) {}
