package dev.polystore.presence.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polystore.platform.errors.ServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The rules checked before the store is reached; what the store does is tested against Valkey. */
class PresenceTest {
  private static final String WORKSPACE = "0b7c6f1e-2d4a-4c1b-9e3f-5a6b7c8d9e0f";
  private static final String USER = "5f0e1d2c-3b4a-4958-8776-655443322110";

  /** Every rule here must refuse before a store call: this store fails the test when reached. */
  private final Presence presence = new Presence(new PresenceStore() {
    @Override
    public CompletionStage<Optional<UserPresence>> heartbeat(String workspaceId, String userId, String deviceId,
        PresenceStatus status, Duration ttl, Instant now, int maxDevices) {
      throw new AssertionError("reached the store");
    }

    @Override
    public List<UserPresence> find(String workspaceId, List<String> userIds, Instant now) {
      throw new AssertionError("reached the store");
    }

    @Override
    public List<UserPresence> online(String workspaceId, Optional<String> afterUserId, int limit, Instant now,
        boolean fresh) {
      throw new AssertionError("reached the store");
    }

    @Override
    public int sweep(String workspaceId, Instant now, int batch) {
      throw new AssertionError("reached the store");
    }
  }, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void heartbeatRules() {
    Duration ttl = Duration.ofSeconds(30);
    assertField("workspace_id", () -> presence.heartbeat("acme", USER, "desk", PresenceStatus.ONLINE, ttl));
    assertField("user_id", () -> presence.heartbeat(WORKSPACE, "", "desk", PresenceStatus.ONLINE, ttl));
    assertField("device_id", () -> presence.heartbeat(WORKSPACE, USER, "my desk", PresenceStatus.ONLINE, ttl));
    assertField("device_id", () -> presence.heartbeat(WORKSPACE, USER, "d".repeat(65), PresenceStatus.ONLINE, ttl));
    assertField("status", () -> presence.heartbeat(WORKSPACE, USER, "desk", PresenceStatus.OFFLINE, ttl));
    assertField("ttl", () -> presence.heartbeat(WORKSPACE, USER, "desk", PresenceStatus.ONLINE, Duration.ofMillis(999)));
    assertField("ttl", () -> presence.heartbeat(WORKSPACE, USER, "desk", PresenceStatus.ONLINE, Duration.ofMinutes(11)));
  }

  @Test
  void lookupRules() {
    assertField("user_ids", () -> presence.get(WORKSPACE, List.of()));
    assertField("user_ids[1]", () -> presence.get(WORKSPACE, List.of(USER, "bob")));
    assertField("user_ids[1]", () -> presence.get(WORKSPACE, List.of(USER, USER.toUpperCase())));
  }

  @Test
  void pageRules() {
    assertField("page_size", () -> presence.listOnline(WORKSPACE, 101, ""));
    assertField("page_token", () -> presence.listOnline(WORKSPACE, 10, "not-a-token"));
  }

  private static void assertField(String field, Runnable call) {
    ServiceException e = assertThrows(ServiceException.class, call::run);
    assertEquals(ServiceException.Reason.INVALID_ARGUMENT, e.reason());
    assertEquals(field, e.violations().get(0).field());
  }
}
