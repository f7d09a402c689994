package dev.polystore.presence.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.cluster.SlotHash;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresenceKeysTest {
  private static final String WORKSPACE = "0b7c6f1e-2d4a-4c1b-9e3f-5a6b7c8d9e0f";

  @Test
  void aWorkspaceKeysAndChannelShareOneHashSlot() {
    int slot = SlotHash.getSlot(PresenceKeys.channel(WORKSPACE));
    Arrays.stream(PresenceKeys.workspace(WORKSPACE))
        .forEach(key -> assertEquals(slot, SlotHash.getSlot(key), key));
    assertEquals(slot, SlotHash.getSlot("{ws:" + WORKSPACE + "}"));
  }

  @Test
  void theChannelNamesItsWorkspace() {
    assertEquals(Optional.of(WORKSPACE), PresenceKeys.workspaceOfChannel(PresenceKeys.channel(WORKSPACE)));
    assertEquals(Optional.empty(), PresenceKeys.workspaceOfChannel("something:else"));
  }
}
