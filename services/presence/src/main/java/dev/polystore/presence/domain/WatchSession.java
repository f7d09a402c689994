package dev.polystore.presence.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * One watcher, from subscription on. Changes that arrive while its snapshot is being read are held
 * and sent right after the snapshot, so nothing between subscribing and reading is lost; some of
 * them may repeat what the snapshot already shows, which watchers are told to expect.
 */
final class WatchSession {
  private final Watcher watcher;
  /** Changes held until the snapshot is sent; null afterwards. */
  private List<PresenceChange> held = new ArrayList<>();
  private boolean ended;

  WatchSession(Watcher watcher) {
    this.watcher = watcher;
  }

  synchronized void change(PresenceChange change) {
    if (ended) {
      return;
    }
    if (held != null) {
      held.add(change);
    } else {
      watcher.send(List.of(change), false);
    }
  }

  synchronized void snapshot(List<PresenceChange> online) {
    if (ended) {
      return;
    }
    watcher.send(online, true);
    if (!held.isEmpty()) {
      watcher.send(held, false);
    }
    held = null;
  }

  synchronized void end(RuntimeException cause) {
    if (!ended) {
      ended = true;
      watcher.end(cause);
    }
  }
}
