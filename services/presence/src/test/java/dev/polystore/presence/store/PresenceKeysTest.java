package dev.polystore.presence.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
  void typingAndRateLimitKeysNameTheirWorkspace() {
    String other = "1c8d7a2f-3e5b-4d2c-8f4a-6b7c8d9e0f1a";
    String room = "2d9e8b3a-4f6c-4e3d-9a5b-7c8d9e0f1a2b";
    assertNotEquals(PresenceKeys.typing(WORKSPACE, room), PresenceKeys.typing(other, room));
    assertNotEquals(PresenceKeys.rateLimit(WORKSPACE, "login:bob"), PresenceKeys.rateLimit(other, "login:bob"));
    // A key cannot reach into another workspace's name space: the workspace part has a fixed length.
    assertNotEquals(PresenceKeys.rateLimit(WORKSPACE, other + ":k"), PresenceKeys.rateLimit(other, "k"));
  }

  @Test
  void theChannelNamesItsWorkspace() {
    assertEquals(Optional.of(WORKSPACE), PresenceKeys.workspaceOfChannel(PresenceKeys.channel(WORKSPACE)));
    assertEquals(Optional.empty(), PresenceKeys.workspaceOfChannel("something:else"));
  }
}
