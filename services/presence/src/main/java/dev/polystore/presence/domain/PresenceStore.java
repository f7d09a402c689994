package dev.polystore.presence.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Where presence is kept. Ids arrive canonical (see {@link Ids}). */
public interface PresenceStore {

  /**
   * Marks the device online until {@code now + ttl}, atomically with the user's other devices, and
   * publishes what changed. Empty, with nothing written, when the user already has
   * {@code maxDevices} other live devices. The stage completes once the store has answered and the
   * changes are published, or with the store's failure; the caller's thread never waits.
   */
  CompletionStage<Optional<UserPresence>> heartbeat(String workspaceId, String userId, String deviceId, PresenceStatus status,
      Duration ttl, Instant now, int maxDevices);

  /** The users' presence, in the order given; may be read from a replica, slightly stale. */
  List<UserPresence> find(String workspaceId, List<String> userIds, Instant now);

  /**
   * Up to {@code limit} users online at {@code now}, in user id order, after {@code afterUserId}.
   * {@code fresh} reads the primary, to see every write made before the call.
   */
  List<UserPresence> online(String workspaceId, Optional<String> afterUserId, int limit, Instant now, boolean fresh);

  /**
   * Settles the users whose devices lapsed by {@code now}, publishing an OFFLINE or STATUS change for
   * each, at most {@code batch} users per call. Returns how many it settled.
   */
  int sweep(String workspaceId, Instant now, int batch);
}
