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

  static String typing(String roomId) {
    return "typing:{room:" + roomId + "}";
  }

  /** One key per caller-chosen limit key: a single-key script needs no hash tag. */
  static String rateLimit(String key) {
    return "ratelimit:" + key;
  }
}
