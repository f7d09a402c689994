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
  @Override
  public <T extends EventLoopGroup> T allocate(Class<T> type) {
    EventLoopGroup group = EventLoops.group();
    if (!type.isInstance(group)) {
      throw new IllegalStateException("Lettuce asks for " + type.getName() + " event loops; the shared ones are "
          + group.getClass().getName() + " (a native transport on the class path?)");
    }
    return type.cast(group);
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
