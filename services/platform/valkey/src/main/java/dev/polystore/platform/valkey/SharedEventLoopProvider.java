package dev.polystore.platform.valkey;

import dev.polystore.platform.netty.EventLoops;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Gives Lettuce the process's event loops ({@link EventLoops}) instead of a group of its own, so that
 * a connection can live on the loop the gRPC server reads its calls on ({@link LoopConnections}).
 * Lettuce releases and shuts down what its provider gave it; the shared loops outlive every client,
 * so both only report success.
 */
final class SharedEventLoopProvider implements EventLoopGroupProvider {
  /**
   * Lettuce names the 4.1 group class of the transport it chose ({@code EpollEventLoopGroup},
   * {@code NioEventLoopGroup}) but uses what it gets as a plain {@link EventLoopGroup}; the shared
   * group is Netty 4.2's, so only the transport is checked.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T extends EventLoopGroup> T allocate(Class<T> type) {
    if (type.getSimpleName().startsWith("Epoll") != EventLoops.epoll()) {
      throw new IllegalStateException("Lettuce asks for " + type.getName() + " event loops; the shared ones run on "
          + (EventLoops.epoll() ? "epoll" : "NIO"));
    }
    return (T) EventLoops.group();
  }

  @Override
  public int threadPoolSize() {
    return EventLoops.loops().size();
  }

  @Override
  public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
    return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
  }

  @Override
  public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
    return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
  }
}
