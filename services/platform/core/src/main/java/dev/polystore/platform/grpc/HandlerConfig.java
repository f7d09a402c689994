package dev.polystore.platform.grpc;

import dev.polystore.platform.config.Env;

/**
 * How many handler threads each service gets (see {@link HandlerPoolInterceptor}), and how many
 * calls may wait for one before new calls are refused with UNAVAILABLE.
 *
 * <p>Size the threads to what the store serves at once: more threads than the service's
 * connections (DB_MAX_CONNECTIONS) only wait inside the pool; with PostgreSQL on the same cores,
 * one per core, as more only queue for the cores (docs/benchmarks.md). A store that pipelines many
 * waiting callers (Valkey) or mostly makes them wait (Cassandra, S3) wants the default or more.
 */
public record HandlerConfig(int threads, int maxQueued) {
  public static final String THREADS = "GRPC_HANDLER_THREADS";
  public static final String MAX_QUEUED = "GRPC_MAX_QUEUED_CALLS";

  private static final int DEFAULT_THREADS = 32;
  private static final int DEFAULT_MAX_QUEUED = 1000;

  public static HandlerConfig fromEnv(Env env) {
    return new HandlerConfig(env.integer(THREADS, DEFAULT_THREADS, 1, 1024),
        env.integer(MAX_QUEUED, DEFAULT_MAX_QUEUED, 1, 1_000_000));
  }

  public static HandlerConfig defaults() {
    return new HandlerConfig(DEFAULT_THREADS, DEFAULT_MAX_QUEUED);
  }
}
