package dev.polystore.platform.grpc;

import java.util.Set;

/**
 * A service whose handlers for these methods never block: they start their store call
 * asynchronously and answer from its completion. The platform runs such calls on the transport
 * thread instead of the service's handler pool, when nothing before the handler can block either
 * (see {@link HandlerPoolInterceptor}): the hand-off to a pool thread and back, and the parked wait
 * for the store, cost more than the store call itself on a short call (docs/benchmarks.md, "the floor").
 *
 * <p>Never block there: the transport threads are the shared event loops ({@code platform.netty.EventLoops}),
 * which also read Valkey's replies, so a synchronous Valkey call on one can wait for its own thread
 * until the command times out.
 */
public interface NonBlockingMethods {
  /** Full method names ({@code package.Service/Method}). */
  Set<String> nonBlockingMethods();
}
