package dev.polystore.presence.domain;

import java.util.List;

/** Receives one watch's messages. Its methods are called one at a time and must not block. */
public interface Watcher {

  /** Changes, oldest first; the first call carries the snapshot of who was online when the watch began. */
  void send(List<PresenceChange> changes, boolean snapshot);

  /** The watch ended for {@code cause}; nothing follows. */
  void end(RuntimeException cause);
}
