package dev.polystore.platform.grpc;

import com.google.common.util.concurrent.MoreExecutors;
import dev.polystore.platform.telemetry.Telemetry;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one service's calls on that service's own fixed pool of handler threads, in order per call.
 *
 * <p>Why not grpc-java's executor: the server's executor runs the whole interceptor chain, so with
 * a fixed pool whose threads all wait on a hung store, queued calls would not even reach the
 * deadline guard, and one service's store could stall every other service of the process. A thread
 * per call (grpc-java's default) avoids both but made ListMessages 15-35% slower, in thread
 * hand-offs and runnable threads (docs/benchmarks.md). So the server runs on its transport threads
 * (direct executor), the deadline guard arms there on arrival, and this interceptor, next inside
 * it, moves the call onto the service's pool: every listener callback, and so the handler. Calls
 * whose client sends one message (unary, server-streaming) are started here on the transport
 * thread, which only asks for the request.
 *
 * <p>A call queued behind busy threads whose caller has gone, or which the guard has answered, is
 * dropped when its turn comes instead of running against the store. Admission: a call that finds
 * {@code maxQueued} calls already waiting is refused at once with UNAVAILABLE (retryable), which is
 * better than an answer after its deadline.
 *
 * <p>A unary call's {@code onComplete} (after its answer is sent) runs on the transport thread when
 * none of the call's callbacks is queued or running, as is usual by then: a hand-off, and a thread
 * woken, fewer per call. grpc-java's unary handlers do nothing on it but run a close handler, so a
 * unary handler must not block in one ({@code ServerCallStreamObserver.setOnCloseHandler}); the
 * streaming handlers' clean-up (presence's watch unsubscribes from Valkey) stays on the pool.
 *
 * <p>Calls {@code inline} accepts (methods a service answers without blocking, see {@link
 * NonBlockingMethods}) skip the pool: the rest of the chain and the handler run on the transport
 * thread, with the same checks, Context and observation scope as on the pool, and no admission.
 */
public final class HandlerPoolInterceptor implements ServerInterceptor, AutoCloseable {
  /** The server has stopped taking calls before its pools close; this is for the ones still running. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final String service;
  private final ThreadPoolExecutor pool;
  private final int maxQueued;
  private final Counter refused;
  private final BiPredicate<MethodDescriptor<?, ?>, Metadata> inline;

  /** A pool for every call. */
  public HandlerPoolInterceptor(String service, int threads, int maxQueued) {
    this(service, threads, maxQueued, (method, headers) -> false);
  }

  public HandlerPoolInterceptor(String service, int threads, int maxQueued,
      BiPredicate<MethodDescriptor<?, ?>, Metadata> inline) {
    this.service = service;
    this.inline = inline;
    this.maxQueued = maxQueued;
    AtomicInteger count = new AtomicInteger();
    // Unbounded queue: a call admitted must get all its callbacks run, or its clean-up would be lost;
    // the admission check in interceptCall is what bounds it. It wakes the most recently idle thread
    // first, so a lightly loaded service keeps running on warm threads.
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new MostRecentTakerFirstQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, service + "-handler-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    // Micrometer's executor meters (executor.queued, executor.active, executor.completed, ...),
    // tagged name=<service>; the pool is used directly, so nothing is wrapped or timed per task.
    new ExecutorServiceMetrics(pool, service, List.of()).bindTo(Telemetry.meters());
    this.refused = Counter.builder("grpc.server.handler.refused")
        .description("calls refused with UNAVAILABLE because too many were waiting for a handler thread")
        .tag("rpc.service", service)
        .register(Telemetry.meters());
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    boolean here = inline.test(call.getMethodDescriptor(), headers);
    if (!here && pool.getQueue().size() >= maxQueued) {
      refused.increment();
      call.close(Status.UNAVAILABLE.withDescription(service + " is overloaded: "
          + maxQueued + " calls are waiting for a handler; retry"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    PooledListener<ReqT> listener = new PooledListener<>(call, Context.current(),
        Telemetry.observations().getCurrentObservation(),
        // The transport already runs a call's callbacks one at a time and in order.
        here ? MoreExecutors.directExecutor() : MoreExecutors.newSequentialExecutor(pool),
        call.getMethodDescriptor().getType() == MethodDescriptor.MethodType.UNARY);
    if (call.getMethodDescriptor().getType().clientSendsOneMessage()) {
      // grpc-java's handlers for these only ask for the request in startCall and run the method on
      // half-close: starting here lets the request arrive at once and reach the pool in one hand-off.
      listener.startHere(next.startCall(call, headers));
    } else {
      listener.startInPool(() -> next.startCall(call, headers));
    }
    return listener;
  }

  /** Calls (and later callbacks of running ones) waiting for a thread. */
  int queued() {
    return pool.getQueue().size();
  }

  /** Lets running calls finish for up to {@link #CLOSE_GRACE}; then interrupts what is left. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }

  /**
   * Hands each callback to the call's sequential executor, so they run one at a time and in order,
   * as grpc-java promises a listener, and in the call's Context (deadline, cancellation).
   */
  private static final class PooledListener<ReqT> extends ServerCall.Listener<ReqT> {
    private final ServerCall<?, ?> call;
    private final Context context;
    /** The call's observation (null without telemetry), current on the handler thread as on arrival. */
    private final Observation observation;
    private final Executor inOrder;
    /** Whether onComplete may run in place once no callback of the call is queued or running. */
    private final boolean completeInPlace;
    /** Callbacks handed to {@link #inOrder} and not yet finished. */
    private final AtomicInteger unfinished = new AtomicInteger();
    /**
     * Set before the first task, or by it; read by later tasks of the same sequential executor, or in
     * place after {@link #unfinished} (written after the task) reads zero.
     */
    private ServerCall.Listener<ReqT> delegate;

    PooledListener(ServerCall<?, ?> call, Context context, Observation observation, Executor inOrder,
        boolean completeInPlace) {
      this.call = call;
      this.context = context;
      this.observation = observation;
      this.inOrder = inOrder;
      this.completeInPlace = completeInPlace;
    }

    /** Before any callback is queued; the queue hands the field on to the tasks. */
    void startHere(ServerCall.Listener<ReqT> started) {
      delegate = started;
    }

    void startInPool(Supplier<ServerCall.Listener<ReqT>> startCall) {
      enqueue(() -> {
        if (!over()) {
          delegate = startCall.get();
        }
      });
    }

    /**
     * Cancelled, or answered by the guard: its Context is cancelled only once the transport has sent
     * that answer, which may be after the call's turn comes, so the guard's own flag is checked too.
     */
    private boolean over() {
      return context.isCancelled() || call instanceof SingleCloseServerCall<?, ?> guarded && guarded.isClosed();
    }

    /** Work for a live call only: skipped once the call is over (answered by the guard, or cancelled). */
    private void whileLive(Consumer<ServerCall.Listener<ReqT>> work) {
      enqueue(() -> {
        if (delegate != null && !over()) {
          work.accept(delegate);
        }
      });
    }

    /** Clean-up the handler is owed whenever it was started. */
    private void always(Consumer<ServerCall.Listener<ReqT>> work) {
      enqueue(ifStarted(work));
    }

    private Runnable ifStarted(Consumer<ServerCall.Listener<ReqT>> work) {
      return () -> {
        if (delegate != null) {
          work.accept(delegate);
        }
      };
    }

    private void enqueue(Runnable task) {
      unfinished.incrementAndGet();
      try {
        inOrder.execute(inCall(() -> {
          try {
            task.run();
          } finally {
            unfinished.decrementAndGet();
          }
        }));
      } catch (RejectedExecutionException e) {
        unfinished.decrementAndGet();
        // Only after close(): the server stops before its pools, so this is a call it still let in.
        call.close(Status.UNAVAILABLE.withDescription("the service is shutting down; retry"), new Metadata());
      }
    }

    /** The task in the call's Context, with the call's observation current. */
    private Runnable inCall(Runnable task) {
      return context.wrap(observation == null ? task : () -> {
        // The store's observations (spans) of this call become children of the call's.
        try (Observation.Scope scope = observation.openScope()) {
          task.run();
        }
      });
    }

    @Override
    public void onMessage(ReqT message) {
      whileLive(listener -> listener.onMessage(message));
    }

    @Override
    public void onHalfClose() {
      // Unary handlers run on half-close: past this point the request may reach the store, and
      // the deadline guard must say so (DEADLINE_EXCEEDED) rather than UNAVAILABLE.
      whileLive(listener -> {
        if (!(call instanceof SingleCloseServerCall<?, ?> guarded) || guarded.tryStartHandler()) {
          listener.onHalfClose();
        }
      });
    }

    @Override
    public void onReady() {
      whileLive(ServerCall.Listener::onReady);
    }

    @Override
    public void onCancel() {
      always(ServerCall.Listener::onCancel);
    }

    @Override
    public void onComplete() {
      // The last callback: nothing can be queued after it, so with nothing unfinished it runs alone.
      if (completeInPlace && unfinished.get() == 0) {
        inCall(ifStarted(ServerCall.Listener::onComplete)).run();
      } else {
        always(ServerCall.Listener::onComplete);
      }
    }
  }
}
