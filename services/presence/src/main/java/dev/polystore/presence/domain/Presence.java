package dev.polystore.presence.domain;

import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.paging.PageToken;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/** The rules of presence: TTL bounds, devices per user, canonical ids, pages of online users. */
public final class Presence {
  public static final Duration MIN_TTL = Duration.ofSeconds(1);
  public static final Duration MAX_TTL = Duration.ofMinutes(10);
  /** Bounds what one user's heartbeats can hold in the store. */
  public static final int MAX_DEVICES = 10;
  public static final int MAX_USERS_PER_LOOKUP = 100;
  public static final int DEFAULT_PAGE_SIZE = 50;
  public static final int MAX_PAGE_SIZE = 100;
  /** Lapsed users settled per sweep call; a larger backlog drains over the next calls. */
  static final int SWEEP_BATCH = 200;
  /** The store keeps a user's devices as one space-separated list, so a device id has no spaces. */
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final PresenceStore store;
  private final Clock clock;

  public Presence(PresenceStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Bad arguments are thrown here; the store's answer, or a device beyond the limit, comes in the stage. */
  public CompletionStage<UserPresence> heartbeat(String workspaceId, String userId, String deviceId, PresenceStatus status,
      Duration ttl) {
    String workspace = Ids.uuid("workspace_id", workspaceId);
    String user = Ids.uuid("user_id", userId);
    if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
      throw ServiceException.invalid("device_id", "string.pattern", "must be 1 to 64 of A-Z a-z 0-9 . _ -");
    }
    if (status == PresenceStatus.OFFLINE) {
      throw ServiceException.invalid("status", "enum.in", "must be ONLINE, BUSY or AWAY");
    }
    if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw ServiceException.invalid("ttl", "duration.range", "must be between 1s and 10m");
    }
    return store.heartbeat(workspace, user, deviceId, status, ttl, clock.instant(), MAX_DEVICES)
        .thenApply(written -> written.orElseThrow(() -> ServiceException.invalid("device_id", "devices.max",
            "the user already has " + MAX_DEVICES + " devices online; wait until one of them lapses")));
  }

  public List<UserPresence> get(String workspaceId, List<String> userIds) {
    String workspace = Ids.uuid("workspace_id", workspaceId);
    if (userIds.isEmpty() || userIds.size() > MAX_USERS_PER_LOOKUP) {
      throw ServiceException.invalid("user_ids", "repeated.range", "must list 1 to " + MAX_USERS_PER_LOOKUP + " users");
    }
    List<String> users = new ArrayList<>();
    List<FieldViolation> violations = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < userIds.size(); i++) {
      String user = Ids.uuid("user_ids[" + i + "]", userIds.get(i));
      // Case-insensitive duplicates pass the contract's unique rule but name the same user.
      if (!seen.add(user)) {
        violations.add(new FieldViolation("user_ids[" + i + "]", "repeated.unique", "repeats an earlier user"));
      }
      users.add(user);
    }
    if (!violations.isEmpty()) {
      throw ServiceException.invalid(violations);
    }
    return store.find(workspace, users, clock.instant());
  }

  /**
   * One page of online users. Lapsed users are swept first (publishing their OFFLINE changes), and
   * the read skips any that lapse in between, so an expired user never appears.
   */
  public OnlinePage listOnline(String workspaceId, int pageSize, String pageToken) {
    String workspace = Ids.uuid("workspace_id", workspaceId);
    if (pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
      throw ServiceException.invalid("page_size", "page_size.range",
          "must be between 0 and " + MAX_PAGE_SIZE + " (0 means " + DEFAULT_PAGE_SIZE + ")");
    }
    int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize;
    String scope = "online:" + workspace;
    Optional<String> after = Optional.empty();
    if (pageToken != null && !pageToken.isEmpty()) {
      after = Optional.of(PageToken.decode(pageToken, "page_token", scope, 1).get(0));
    }
    store.sweep(workspace, clock.instant(), SWEEP_BATCH);
    List<UserPresence> fetched = store.online(workspace, after, size + 1, clock.instant(), false);
    if (fetched.size() <= size) {
      return new OnlinePage(fetched, "");
    }
    List<UserPresence> page = fetched.subList(0, size);
    return new OnlinePage(page, PageToken.encode(scope, page.get(size - 1).userId()));
  }
}
