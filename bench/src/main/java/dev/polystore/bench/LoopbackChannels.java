package dev.polystore.bench;

import dev.polystore.platform.netty.EventLoops;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;

/**
 * Channels from the bench's clients to a server on loopback, on an event loop of their own.
 *
 * <p>Why not {@code ManagedChannelBuilder}'s default: grpc-java puts every client and every server
 * connection of a process on one shared group of event loops, so the client's end and the server's
 * end of a bench connection land on the same event-loop thread or on two, by the order in which
 * connections were made. On one thread a frame written by one end is read by the other in the same
 * wake-up; on two, every frame costs a wake-up. In the accounts floor the bare servers' connections
 * got one thread and the gateway's two (docs/benchmarks.md, session 20), a difference that was not
 * the servers'. A caller on another machine never shares the server's event loop: on a loop of
 * their own, the bench's clients make every server pay that.
 */
public final class LoopbackChannels {
  /** One thread: a run drives one connection at a time, and a connection lives on one loop. */
  private static final EventLoopGroup CLIENT_LOOP = EventLoops.group(1, "bench-client-loop");

  private LoopbackChannels() {}

  /** A plaintext channel to 127.0.0.1:{@code port}, its calls through {@code interceptors}. */
  public static ManagedChannel to(int port, ClientInterceptor... interceptors) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port)
        .usePlaintext()
        .eventLoopGroup(CLIENT_LOOP)
        .channelType(EventLoops.clientChannelType())
        .intercept(interceptors)
        .build();
  }
}
