package dev.polystore.platform.grpc;

import dev.polystore.platform.auth.Authentication;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.health.ServiceHealth;
import dev.polystore.platform.telemetry.Telemetry;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What every service of one process shares on the server side: the health registry, the timer
 * of the deadline guards (nothing that can block runs on it: probes have threads of their own),
 * and the interceptor chain every service is wrapped in.
 *
 * <p>Order, outermost first: observation ({@link CallObservationInterceptor}: the call's metrics,
 * span and access log line, see platform.telemetry; outermost so that it sees every call and the
 * status it finally got, the guard's and the pool's refusals included), deadline guard (answers before the deadline, armed on the transport
 * thread as the call arrives), malformed requests (unparseable bytes become INVALID_ARGUMENT),
 * the service's handler pool (the handler and every callback of the
 * call run on the service's own threads), error mapping (every failure becomes a status),
 * authentication (who calls, and may it: {@link AuthInterceptor}), readiness (fail fast while the
 * store is away), validation (the contract's rules, before the handler). Servers run
 * with a direct executor for this (see {@link HandlerPoolInterceptor}); the methods a service
 * answers without blocking ({@link NonBlockingMethods}) stay on the transport thread.
 */
public final class GrpcPlatform implements AutoCloseable {
  /** Applied to calls that come without a deadline, so that nothing waits forever. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  private final ServiceHealth health = new ServiceHealth();
  /** How late an alarm may ring: the wheel's tick. */
  static final Duration ALARM_TICK = Duration.ofMillis(10);

  private final HashedWheelTimer alarms;
  private final ErrorMapper errors;
  private final ValidationInterceptor validation = new ValidationInterceptor();
  private final MalformedRequests malformed = new MalformedRequests();
  private final HandlerConfig handlers;
  /** Null when authentication is off (see {@link Authentication#off}). */
  private final AuthInterceptor auth;
  /** By service name: one pool each. */
  private final Map<String, HandlerPoolInterceptor> pools = new ConcurrentHashMap<>();

  public GrpcPlatform(List<OutageClassifier> outages, HandlerConfig handlers, Authentication authentication) {
    this.errors = new ErrorMapper(outages);
    this.handlers = handlers;
    this.auth = authentication.credentials().map(AuthInterceptor::new).orElse(null);
    // Every unary call arms an alarm and nearly all are cancelled: a wheel takes both without a
    // lock or a wake-up (a ScheduledThreadPoolExecutor's queue lock cost 2 µs a call under load,
    // most of it waking the thread that waited for the lock; docs/benchmarks.md, session 20).
    this.alarms = new HashedWheelTimer(runnable -> {
      Thread thread = new Thread(runnable, "polystore-deadlines");
      thread.setDaemon(true);
      return thread;
    }, ALARM_TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  public ServiceHealth health() {
    return health;
  }

  public ErrorMapper errors() {
    return errors;
  }

  /**
   * The service wrapped in the platform's interceptors, with a handler pool of its own; once per
   * service, as wrapping twice would put a second pool and guard inside the first.
   */
  public BindableService intercept(BindableService service) {
    ServerServiceDefinition bound = malformed.tolerant(service.bindService());
    String name = bound.getServiceDescriptor().getName();
    if (auth != null) {
      auth.requireRules(bound.getServiceDescriptor());
    }
    Set<String> nonBlocking = service instanceof NonBlockingMethods declared ? declared.nonBlockingMethods() : Set.of();
    // Inline only when authentication cannot wait either (an API key may ask the accounts store).
    HandlerPoolInterceptor pool = new HandlerPoolInterceptor(name, handlers.threads(), handlers.maxQueued(),
        (method, headers) -> nonBlocking.contains(method.getFullMethodName())
            && (auth == null || auth.verifiesInMemory(headers)));
    if (pools.putIfAbsent(name, pool) != null) {
      pool.close();
      throw new IllegalStateException(name + " is already wrapped in the platform's interceptors");
    }
    List<ServerInterceptor> chain = new ArrayList<>(List.of(
        new CallObservationInterceptor(Telemetry.observations()),
        new DeadlineGuardInterceptor(alarms, ALARM_TICK, DEFAULT_DEADLINE),
        malformed,
        pool,
        new ErrorMappingInterceptor(errors)));
    if (auth != null) {
      chain.add(auth);
    }
    chain.add(new ReadinessInterceptor(health));
    chain.add(validation);
    ServerServiceDefinition definition = ServerInterceptors.interceptForward(bound, chain);
    return () -> definition;
  }

  /** The handler pool of {@code service}, once it has been wrapped. */
  HandlerPoolInterceptor pool(String service) {
    return pools.get(service);
  }

  @Override
  public void close() {
    health.enterTerminalState();
    pools.values().forEach(HandlerPoolInterceptor::close);
    alarms.stop();
  }
}
