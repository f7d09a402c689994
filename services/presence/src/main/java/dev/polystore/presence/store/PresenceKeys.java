package dev.polystore.presence.store;

import java.util.Optional;

/**
 * Key and channel names. Everything of one workspace shares the hash tag {@code {ws:<id>}}, so it
 * lives in one slot and one script can change it atomically in cluster mode; the same holds per room.
 * Ids are canonical UUIDs, so they cannot contain the braces of a tag.
 */
final class PresenceKeys {
  private static final String CHANNEL_PREFIX = "presence:{ws:";
  private static final String CHANNEL_SUFFIX = "}:changes";

  private PresenceKeys() {}

  /** users, devices, online, due: the KEYS of the presence scripts, in their order. */
  static String[] workspace(String workspaceId) {
    String prefix = "presence:{ws:" + workspaceId + "}:";
    return new String[] {prefix + "users", prefix + "devices", prefix + "online", prefix + "due"};
  }

  static String users(String workspaceId) {
    return workspace(workspaceId)[0];
  }

  static String devices(String workspaceId) {
    return workspace(workspaceId)[1];
  }

  static String online(String workspaceId) {
    return workspace(workspaceId)[2];
  }

  /** The pub/sub channel a workspace's presence changes are published on. */
  static String channel(String workspaceId) {
    return CHANNEL_PREFIX + workspaceId + CHANNEL_SUFFIX;
  }

  static Optional<String> workspaceOfChannel(String channel) {
    if (!channel.startsWith(CHANNEL_PREFIX) || !channel.endsWith(CHANNEL_SUFFIX)) {
      return Optional.empty();
    }
    return Optional.of(channel.substring(CHANNEL_PREFIX.length(), channel.length() - CHANNEL_SUFFIX.length()));
  }

  /**
   * A room's typing marks in one workspace: the same room id under another workspace is another key.
   * Tagged by the room, so rooms spread over the slots as before.
   */
  static String typing(String workspaceId, String roomId) {
    return "typing:{room:" + roomId + "}:ws:" + workspaceId;
  }

  /**
   * One counter per workspace and caller-chosen limit key; a single-key script needs no hash tag,
   * and none spreads a busy workspace's limits over the slots. The workspace id is a canonical UUID
   * of fixed length, so no other pair of workspace and key names the same counter.
   */
  static String rateLimit(String workspaceId, String key) {
    return "ratelimit:ws:" + workspaceId + ":" + key;
  }
}
