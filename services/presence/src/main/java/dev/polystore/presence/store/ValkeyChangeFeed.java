package dev.polystore.presence.store;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.presence.domain.ChangeFeed;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.CompletableFuture;

/**
 * The presence changes the scripts publish, received over one pub/sub connection per service
 * instance with one channel per watched workspace. When that connection drops, messages may have
 * been missed, so the feed reports the loss and opens a new connection for the next subscriber
 * instead of letting Lettuce resubscribe silently.
 */
public final class ValkeyChangeFeed implements ChangeFeed {
  private final ValkeyStore valkey;
  private volatile Listener listener;
  private StatefulRedisPubSubConnection<String, String> connection;

  public ValkeyChangeFeed(ValkeyStore valkey) {
    this.valkey = valkey;
  }

  @Override
  public void listen(Listener listener) {
    this.listener = listener;
  }

  @Override
  public synchronized void subscribe(String workspaceId) {
    if (connection == null) {
      connection = open();
    }
    connection.sync().subscribe(PresenceKeys.channel(workspaceId));
  }

  @Override
  public synchronized void unsubscribe(String workspaceId) {
    if (connection != null) {
      connection.sync().unsubscribe(PresenceKeys.channel(workspaceId));
    }
  }

  @Override
  public void close() {
    StatefulRedisPubSubConnection<String, String> open;
    synchronized (this) {
      open = connection;
      connection = null;
    }
    if (open != null) {
      open.close();
    }
  }

  private StatefulRedisPubSubConnection<String, String> open() {
    StatefulRedisPubSubConnection<String, String> opened = valkey.connectPubSub();
    opened.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, String message) {
        PresenceKeys.workspaceOfChannel(channel).ifPresent(workspace ->
            PresenceRecords.change(message).ifPresent(change -> listener.onChange(workspace, change)));
      }
    });
    opened.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
        // Called on the client's I/O thread, which must not wait for locks held around commands.
        CompletableFuture.runAsync(() -> lost(opened));
      }
    });
    return opened;
  }

  private void lost(StatefulRedisPubSubConnection<String, String> dropped) {
    synchronized (this) {
      if (connection != dropped) {
        return; // closed on purpose, or already replaced
      }
      connection = null;
    }
    dropped.closeAsync();
    listener.onLost(ServiceException.unavailable("lost the connection to Valkey; watch again", null));
  }
}
