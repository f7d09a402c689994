package dev.polystore.presence.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.errors.ServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The rules that come before the store; the counting itself is tested against Valkey (PresenceContract). */
class RateLimitsTest {
  private static final String WORKSPACE = "0b7c6f1e-2d4a-4c1b-9e3f-5a6b7c8d9e0f";
  private final List<Long> counted = new ArrayList<>();
  private final RateLimits limits = new RateLimits((workspace, key, limit, cost, window) -> {
    counted.add(cost);
    return CompletableFuture.completedFuture(new RateLimitDecision(true, limit - cost, Duration.ZERO, window));
  });

  @Test
  void costZeroCountsOne() {
    limits.check(WORKSPACE, "k", 5, Duration.ofSeconds(1), 0);
    assertEquals(List.of(1L), counted);
  }

  @Test
  void aCostAboveTheLimitCouldNeverPassAndIsRefusedOnCost() {
    assertField("cost", () -> limits.check(WORKSPACE, "k", 5, Duration.ofSeconds(1), 6));
    assertEquals(List.of(), counted);
  }

  @Test
  void boundsOnEveryField() {
    assertField("key", () -> limits.check(WORKSPACE, "has space", 5, Duration.ofSeconds(1), 1));
    assertField("key", () -> limits.check(WORKSPACE, "", 5, Duration.ofSeconds(1), 1));
    assertField("limit", () -> limits.check(WORKSPACE, "k", 0, Duration.ofSeconds(1), 1));
    assertField("window", () -> limits.check(WORKSPACE, "k", 5, Duration.ofMillis(999), 1));
    assertField("window", () -> limits.check(WORKSPACE, "k", 5, Duration.ofDays(2), 1));
    assertField("workspace_id", () -> limits.check("acme", "k", 5, Duration.ofSeconds(1), 1));
    assertEquals(List.of(), counted);
  }

  private static void assertField(String field, Runnable call) {
    ServiceException e = assertThrows(ServiceException.class, call::run);
    assertEquals(ServiceException.Reason.INVALID_ARGUMENT, e.reason());
    assertEquals(field, e.violations().get(0).field());
  }
}
