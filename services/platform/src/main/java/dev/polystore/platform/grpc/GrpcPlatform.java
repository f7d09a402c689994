package dev.polystore.platform.grpc;

import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.health.ServiceHealth;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * What every service of one process shares on the server side: the health registry, a scheduler
 * for timers and probes, and the interceptor chain every service is wrapped in.
 *
 * <p>Order, outermost first: deadline guard (answers before the deadline), error mapping (every
 * failure becomes a status), readiness (fail fast while the store is away), validation (the
 * contract's rules, before the handler).
 */
public final class GrpcPlatform implements AutoCloseable {
  /** Applied to calls that come without a deadline, so that nothing waits forever. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  private final ServiceHealth health = new ServiceHealth();
  private final ScheduledExecutorService scheduler;
  private final ErrorMapper errors;
  private final ValidationInterceptor validation = new ValidationInterceptor();

  public GrpcPlatform(List<OutageClassifier> outages) {
    this.errors = new ErrorMapper(outages);
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, runnable -> {
      Thread thread = new Thread(runnable, "polystore-platform");
      thread.setDaemon(true);
      return thread;
    });
    // Every unary call schedules a deadline alarm and cancels it when it completes; without this
    // the cancelled alarms would pile up in the queue until their (up to 30 s) delay ran out.
    timers.setRemoveOnCancelPolicy(true);
    this.scheduler = timers;
  }

  public ServiceHealth health() {
    return health;
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  public ErrorMapper errors() {
    return errors;
  }

  /** The service wrapped in the platform's interceptors. */
  public BindableService intercept(BindableService service) {
    ServerServiceDefinition definition = ServerInterceptors.interceptForward(service.bindService(),
        new DeadlineGuardInterceptor(scheduler, DEFAULT_DEADLINE),
        new ErrorMappingInterceptor(errors),
        new ReadinessInterceptor(health),
        validation);
    return () -> definition;
  }

  @Override
  public void close() {
    health.enterTerminalState();
    scheduler.shutdownNow();
  }
}
