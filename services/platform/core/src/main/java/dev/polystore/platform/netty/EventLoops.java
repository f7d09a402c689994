package dev.polystore.platform.netty;

import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * The process's one set of Netty event loops, shared by the gRPC server and the store clients that
 * can use it (Lettuce). A call the server reads on one loop can then write its store command, read
 * the reply and send its answer on that same thread, when the store connection lives there too: no
 * hand-off between threads, which on two cores cost a non-blocking call more than its work did
 * (docs/benchmarks.md, Session 25).
 *
 * <p>A channel opened from one of these loops is registered on that loop, not on the next in turn:
 * that is how a store places a connection on each loop, and how a cluster connection used from a
 * loop opens its node connections there. The server accepts on a loop of its own, so the
 * connections it accepts are still spread over the shared ones.
 *
 * <p>Epoll where Netty's native transport loads (Linux: the image, CI), NIO elsewhere; Lettuce
 * makes the same choice, so its sockets run on these loops. The loops are daemon threads that
 * live as long as the process: servers and clients come and go (tests start many) without shutting
 * them down.
 */
public final class EventLoops {
  /** Netty's own default: two loops a core. */
  private static final int THREADS = 2 * Runtime.getRuntime().availableProcessors();
  private static final boolean EPOLL = Epoll.isAvailable();
  private static final IoHandlerFactory IO = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  private static final EventLoopGroup GROUP = new CallersLoopFirst(THREADS, new DefaultThreadFactory("polystore-loop", true));
  private static final EventLoopGroup ACCEPT = group(1, "polystore-accept");

  private EventLoops() {}

  public static EventLoopGroup group() {
    return GROUP;
  }

  /** Whether the loops run on epoll (else NIO): the socket types a client on them must use. */
  public static boolean epoll() {
    return EPOLL;
  }

  /** Serves {@code builder}'s connections on the shared loops, accepting them on a loop of its own. */
  public static NettyServerBuilder serveOn(NettyServerBuilder builder) {
    return builder.bossEventLoopGroup(ACCEPT).workerEventLoopGroup(GROUP)
        .channelType(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
  }

  /** The loops, each once. */
  public static List<EventExecutor> loops() {
    List<EventExecutor> loops = new ArrayList<>(THREADS);
    GROUP.forEach(loops::add);
    return loops;
  }

  /** A group of daemon loops apart from the shared ones, of the same transport (the bench's clients). */
  public static EventLoopGroup group(int threads, String name) {
    return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), IO);
  }

  /** The client socket type that runs on these loops and {@link #group(int, String)}'s. */
  public static Class<? extends Channel> clientChannelType() {
    return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** Registers a channel made on one of its loops on that loop; others go to the next in turn. */
  private static final class CallersLoopFirst extends MultiThreadIoEventLoopGroup {
    CallersLoopFirst(int threads, ThreadFactory factory) {
      super(threads, factory, IO);
    }

    @Override
    public IoEventLoop next() {
      for (EventExecutor loop : this) {
        if (loop.inEventLoop()) {
          return (IoEventLoop) loop;
        }
      }
      return super.next();
    }
  }
}
