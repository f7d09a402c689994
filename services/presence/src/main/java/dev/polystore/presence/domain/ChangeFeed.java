package dev.polystore.presence.domain;

/**
 * The stream of presence changes the store publishes, per workspace. Changes are delivered in the
 * order they were made; a change published while no one is subscribed is gone.
 */
public interface ChangeFeed extends AutoCloseable {

  /** Where the feed delivers; its methods must not block. */
  interface Listener {
    void onChange(String workspaceId, PresenceChange change);

    /** The feed lost its connection: changes may have been missed, so every watch must start over. */
    void onLost(RuntimeException cause);
  }

  /** Sets the one listener; called once, before the first {@link #subscribe}. */
  void listen(Listener listener);

  /** Starts delivering the workspace's changes; returns once subscribed. Throws when the store is away. */
  void subscribe(String workspaceId);

  void unsubscribe(String workspaceId);

  @Override
  void close();
}
