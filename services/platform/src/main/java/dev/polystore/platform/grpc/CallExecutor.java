package dev.polystore.platform.grpc;

import dev.polystore.platform.config.Env;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run call handlers (and the interceptors around them): a fixed pool of
 * {@value #THREADS} threads in front of a queue.
 *
 * <p>Why not grpc-java's default: that is an unbounded cached pool whose SynchronousQueue parks and
 * unparks a thread for every call, which profiled at about a fifth of the server's CPU on short
 * calls; grpc-java's own benchmarks run on a fixed-size executor for that reason. Bounding it also
 * caps how many calls press on the stores at once: a call beyond the limit waits in this queue,
 * cheaply, rather than in a connection pool's hand-off, and its deadline still runs.
 */
public final class CallExecutor implements Executor, AutoCloseable {
  public static final String THREADS = "GRPC_SERVER_THREADS";
  /**
   * Handlers mostly wait on stores, so several per core; enough to keep every PostgreSQL
   * service's default pool of 20 connections busy, without a thread per waiting caller.
   */
  public static final int DEFAULT_THREADS = 32;

  private final ThreadPoolExecutor pool;

  public CallExecutor(int threads) {
    AtomicInteger created = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "grpc-call-" + created.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** The pool size {@value #THREADS} asks for. */
  public static int threads(Env env) {
    return env.integer(THREADS, DEFAULT_THREADS, 1, 4096);
  }

  public int threads() {
    return pool.getMaximumPoolSize();
  }

  @Override
  public void execute(Runnable command) {
    pool.execute(command);
  }

  /** Called after the server has stopped: no call is left to run. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
