package dev.polystore.presence.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchSessionTest {
  private final List<String> received = new ArrayList<>();
  private final WatchSession session = new WatchSession(new Watcher() {
    @Override
    public void send(List<PresenceChange> changes, boolean snapshot) {
      received.add((snapshot ? "snapshot" : "changes") + changes.stream().map(PresenceChange::userId).toList());
    }

    @Override
    public void end(RuntimeException cause) {
      received.add("end " + cause.getMessage());
    }
  });

  @Test
  void changesDuringTheSnapshotFollowIt() {
    session.change(change("b"));
    session.snapshot(List.of(change("a")));
    session.change(change("c"));
    assertEquals(List.of("snapshot[a]", "changes[b]", "changes[c]"), received);
  }

  @Test
  void nothingAfterTheEnd() {
    session.snapshot(List.of());
    session.end(new IllegalStateException("gone"));
    session.change(change("a"));
    session.end(new IllegalStateException("again"));
    assertEquals(List.of("snapshot[]", "end gone"), received);
  }

  private static PresenceChange change(String user) {
    return new PresenceChange(user, PresenceChange.Kind.ONLINE, PresenceStatus.ONLINE, Instant.EPOCH);
  }
}
