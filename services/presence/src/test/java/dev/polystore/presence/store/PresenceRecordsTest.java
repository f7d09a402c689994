package dev.polystore.presence.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.presence.domain.PresenceChange;
import dev.polystore.presence.domain.PresenceStatus;
import dev.polystore.presence.domain.UserPresence;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresenceRecordsTest {
  private static final Instant NOW = Instant.ofEpochMilli(1_700_000_010_000L);

  @Test
  void theMostAvailableLiveDeviceGivesStatusAndTheLatestGivesExpiry() {
    UserPresence user = PresenceRecords.user("u", "1700000015000 3 1700000009000",
        "phone 1700000012000 3 laptop 1700000015000 2", NOW);
    assertEquals(new UserPresence("u", PresenceStatus.BUSY, Optional.of(Instant.ofEpochMilli(1_700_000_009_000L)),
        Optional.of(Instant.ofEpochMilli(1_700_000_015_000L))), user);
  }

  @Test
  void aLapsedDeviceCountsForNothingBeforeAnySweepSettledIt() {
    UserPresence away = PresenceRecords.user("u", "1700000015000 1 1700000005000",
        "desk 1700000010000 1 phone 1700000015000 3", NOW);
    assertEquals(PresenceStatus.AWAY, away.status());
    UserPresence gone = PresenceRecords.user("u", "1700000010000 1 1700000005000", "desk 1700000010000 1", NOW);
    assertEquals(PresenceStatus.OFFLINE, gone.status());
    assertEquals(Optional.empty(), gone.expireTime());
    assertEquals(Optional.of(Instant.ofEpochMilli(1_700_000_005_000L)), gone.lastSeen());
  }

  @Test
  void noRecordMeansNeverSeen() {
    assertEquals(UserPresence.neverSeen("u"), PresenceRecords.user("u", null, null, NOW));
  }

  @Test
  void readsPublishedChanges() {
    assertEquals(Optional.of(new PresenceChange("u", PresenceChange.Kind.OFFLINE, PresenceStatus.OFFLINE,
        Instant.ofEpochMilli(1_700_000_010_000L))), PresenceRecords.change("offline u 4 1700000010000"));
    assertEquals(PresenceChange.Kind.STATUS, PresenceRecords.change("status u 2 1").orElseThrow().kind());
    assertEquals(Optional.empty(), PresenceRecords.change("renamed u 2 1"));
    assertEquals(Optional.empty(), PresenceRecords.change("online u 9 1"));
    assertEquals(Optional.empty(), PresenceRecords.change("garbage"));
  }
}
