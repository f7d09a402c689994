package dev.polystore.presence.domain;

import dev.polystore.platform.errors.ServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watches of this service instance. Per watched workspace it holds one subscription to the
 * store's change feed, shared by all its watchers, and one sweeper: the store publishes nothing when
 * a TTL lapses (ElastiCache Serverless has no keyspace notifications), so the sweeper asks the store
 * about once a second to settle lapsed users, which publishes their OFFLINE changes. A watch ends
 * with its cause when the feed's connection drops or a sweep fails: changes may have been missed,
 * and the client watches again to get a fresh snapshot.
 */
public final class PresenceWatches implements ChangeFeed.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PresenceWatches.class);
  public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
  private static final int SNAPSHOT_PAGE = 500;

  private final PresenceStore store;
  private final ChangeFeed feed;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  /** Read without locking by {@link #onChange}, which runs on the store client's I/O thread. */
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();
  /** Serializes subscribing and unsubscribing, so a leaving watch never unsubscribes a newcomer. */
  private final Object subscriptions = new Object();

  public PresenceWatches(PresenceStore store, ChangeFeed feed, ScheduledExecutorService scheduler, Clock clock) {
    this.store = store;
    this.feed = feed;
    this.scheduler = scheduler;
    this.clock = clock;
    feed.listen(this);
  }

  /** Subscribes, sends the snapshot, then the changes as they come. Throws when the store is away. */
  public Watch open(String workspaceId, Watcher watcher) {
    String workspace = Ids.uuid("workspace_id", workspaceId);
    WatchSession session = new WatchSession(watcher);
    synchronized (subscriptions) {
      Watched current = watched.get(workspace);
      if (current == null) {
        feed.subscribe(workspace);
        current = new Watched(scheduler.scheduleWithFixedDelay(() -> sweep(workspace),
            SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        watched.put(workspace, current);
      }
      current.sessions.add(session);
    }
    Watch watch = () -> leave(workspace, session);
    try {
      session.snapshot(snapshot(workspace));
    } catch (RuntimeException e) {
      watch.close();
      throw e;
    }
    return watch;
  }

  @Override
  public void onChange(String workspaceId, PresenceChange change) {
    Watched current = watched.get(workspaceId);
    if (current != null) {
      current.sessions.forEach(session -> session.change(change));
    }
  }

  @Override
  public void onLost(RuntimeException cause) {
    new ArrayList<>(watched.keySet()).forEach(workspace -> end(workspace, cause));
  }

  @Override
  public void close() {
    onLost(ServiceException.unavailable("the presence service is shutting down; watch again", null));
  }

  /** Every user online now, read from the primary so that it includes every change made before. */
  private List<PresenceChange> snapshot(String workspace) {
    Instant now = clock.instant();
    List<PresenceChange> online = new ArrayList<>();
    Optional<String> after = Optional.empty();
    while (true) {
      List<UserPresence> page = store.online(workspace, after, SNAPSHOT_PAGE, now, true);
      for (UserPresence user : page) {
        online.add(new PresenceChange(user.userId(), PresenceChange.Kind.ONLINE, user.status(),
            user.lastSeen().orElse(now)));
      }
      if (page.size() < SNAPSHOT_PAGE) {
        return online;
      }
      after = Optional.of(page.get(page.size() - 1).userId());
    }
  }

  private void sweep(String workspace) {
    try {
      store.sweep(workspace, clock.instant(), Presence.SWEEP_BATCH);
    } catch (RuntimeException e) {
      // Its OFFLINE changes are not published while it fails: the watchers would wait for them in vain.
      log.warn("presence sweep of workspace {} failed; ending its watches: {}", workspace, e.toString());
      end(workspace, e);
    }
  }

  private void leave(String workspace, WatchSession session) {
    synchronized (subscriptions) {
      Watched current = watched.get(workspace);
      if (current == null || !current.sessions.remove(session) || !current.sessions.isEmpty()) {
        return;
      }
      watched.remove(workspace);
      current.sweeper.cancel(false);
      unsubscribe(workspace);
    }
  }

  private void end(String workspace, RuntimeException cause) {
    Watched ended;
    synchronized (subscriptions) {
      ended = watched.remove(workspace);
      if (ended == null) {
        return;
      }
      ended.sweeper.cancel(false);
      unsubscribe(workspace);
    }
    ended.sessions.forEach(session -> session.end(cause));
  }

  private void unsubscribe(String workspace) {
    try {
      feed.unsubscribe(workspace);
    } catch (RuntimeException e) {
      // The feed drops its connection when it fails; nothing is left subscribed to clean up.
      log.debug("could not unsubscribe from workspace {}: {}", workspace, e.toString());
    }
  }

  /** A watched workspace: its sessions and its sweeper. */
  private static final class Watched {
    final Set<WatchSession> sessions = ConcurrentHashMap.newKeySet();
    final ScheduledFuture<?> sweeper;

    Watched(ScheduledFuture<?> sweeper) {
      this.sweeper = sweeper;
    }
  }
}
