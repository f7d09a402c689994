package dev.polystore.platform.netty;

import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
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
 * <p>Epoll where Netty's native transport loads (Linux: the image, CI), NIO elsewhere; Lettuce
 * makes the same choice, so it asks for the group this holds. The loops are daemon threads that
 * live as long as the process: servers and clients come and go (tests start many) without shutting
 * them down.
 */
// EpollEventLoopGroup and NioEventLoopGroup are deprecated in Netty 4.2 for MultiThreadIoEventLoopGroup,
// but they are the classes Lettuce 6.8 asks its provider for, and grpc-java 1.77 knows only them.
@SuppressWarnings("deprecation")
public final class EventLoops {
  /** Netty's own default: two loops a core. */
  private static final int THREADS = 2 * Runtime.getRuntime().availableProcessors();
  private static final boolean EPOLL = Epoll.isAvailable();
  private static final EventLoopGroup GROUP = group(THREADS, "polystore-loop");

  private EventLoops() {}

  public static EventLoopGroup group() {
    return GROUP;
  }

  /** Serves {@code builder}'s connections, accepting and reading, on the shared loops. */
  public static NettyServerBuilder serveOn(NettyServerBuilder builder) {
    return builder.bossEventLoopGroup(GROUP).workerEventLoopGroup(GROUP)
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
    ThreadFactory factory = new DefaultThreadFactory(name, true);
    return EPOLL ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
  }

  /** The client socket type that runs on {@link #group(int, String)}'s loops. */
  public static Class<? extends Channel> clientChannelType() {
    return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}
