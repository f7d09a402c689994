package dev.polystore.gateway;

import dev.polystore.platform.telemetry.StoreCall;
import io.grpc.Status;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The meters of every observation, as Micrometer's {@code DefaultMeterObservationHandler} makes
 * them: a timer named after the observation, tagged with its low-cardinality key values and
 * {@code error}; a counter per event; and for calls (gRPC server observations) a gauge
 * {@code grpc.server.active}, the calls in flight. The timers' names and tags are Micrometer's, so
 * dashboards made for its meters read them. Calls in flight are a count, not Micrometer's long
 * task timer: each start and stop of that added and removed a sample in a sorted set, through the
 * composite registry's streams, measured at a tenth of what telemetry cost GetUser
 * (docs/benchmarks.md, observability); nothing read the durations it kept. None for store calls.
 *
 * <p>Why our own: Micrometer's (1.16) looks each meter up on every start and stop, building,
 * sorting and hashing its tags and then searching the global composite registry. Here each
 * meter is found once per set of key values and kept; ObservabilityBench measured the lookups
 * among the larger costs of a call (docs/benchmarks.md, observability).
 *
 * <p>A call's meters are found by its method, status and error ({@link KindKey}) without building
 * its key values at all: those are the gRPC convention's, a function of exactly these
 * ({@code CallObservationInterceptor}; nothing adds any to a call's observation), and building
 * and sorting them twice a call was the largest part of what metrics cost GetUser in a profile.
 * They are read once per new key, for the meter's tags. A store call's timer is found the same way,
 * by its {@link StoreCall}, whose key values are the observation's.
 */
final class CachedMeterHandler implements MeterObservationHandler<Observation.Context> {
  /** The gauge of calls in flight (Micrometer's gRPC observation name, with ".active"). */
  static final String ACTIVE = "grpc.server.active";

  private final MeterRegistry registry;
  private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();
  private final Map<KindKey, Timer> kindTimers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();

  CachedMeterHandler(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onStart(Observation.Context context) {
    AtomicInteger active = null;
    if (context instanceof GrpcServerObservationContext call) {
      // At the start a call's key values are its method's (its status is not known yet).
      active = meter(inFlight, call.getFullMethodName(),
          method -> callsInFlight(new MeterKey(ACTIVE, context.getLowCardinalityKeyValues(), null)));
      active.incrementAndGet();
    }
    context.put(Started.class, new Started(Timer.start(registry), active));
  }

  @Override
  public void onStop(Observation.Context context) {
    Started started = context.get(Started.class);
    if (started == null) {
      return; // not started while meters were on
    }
    Throwable error = context.getError();
    KindKey kind = kindKey(context, error);
    Timer timer = kind != null
        ? meter(kindTimers, kind, key -> timer(meterKey(context, error)))
        : meter(timers, meterKey(context, error), this::timer);
    started.sample().stop(timer);
    if (started.inFlight() != null) {
      started.inFlight().decrementAndGet();
    }
  }

  @Override
  public void onEvent(Observation.Event event, Observation.Context context) {
    meter(counters, new MeterKey(context.getName() + "." + event.getName(), context.getLowCardinalityKeyValues(), null),
        key -> Counter.builder(key.name()).tags(key.tags()).register(registry)).increment();
  }

  /** The timer of a name, key values and error, registered (or found) in the registry. */
  private Timer timer(MeterKey key) {
    return Timer.builder(key.name()).tags(key.tags()).register(registry);
  }

  private static String errorTag(Throwable error) {
    return error == null ? "none" : error.getClass().getSimpleName();
  }

  /** A call's or a store call's key, whose key values are a function of it; null for any other. */
  private static KindKey kindKey(Observation.Context context, Throwable error) {
    if (context instanceof GrpcServerObservationContext call) {
      return new KindKey(call.getFullMethodName(), call.getStatusCode(), errorClass(error));
    }
    return context instanceof StoreCall.Context store ? new KindKey(store.call(), null, errorClass(error)) : null;
  }

  /** The timer's key from the observation's own key values (read once per new timer, or per stop for others). */
  private static MeterKey meterKey(Observation.Context context, Throwable error) {
    return new MeterKey(context.getName(), context.getLowCardinalityKeyValues(), errorTag(error));
  }

  private static Class<?> errorClass(Throwable error) {
    return error == null ? null : error.getClass();
  }

  private AtomicInteger callsInFlight(MeterKey key) {
    AtomicInteger calls = new AtomicInteger();
    Gauge.builder(key.name(), calls, AtomicInteger::get).strongReference(true).tags(key.tags())
        .description("calls in flight").register(registry);
    return calls;
  }

  private static <K, M> M meter(Map<K, M> meters, K key, Function<K, M> register) {
    M meter = meters.get(key);
    return meter != null ? meter : meters.computeIfAbsent(key, register);
  }

  /**
   * What the start left for the stop, in one entry of the context (a map): the timer's sample and,
   * for a call, the count of calls in flight it added to (null for others).
   */
  private record Started(Timer.Sample sample, AtomicInteger inFlight) {}

  /**
   * The timer of a kind of observation whose key values are a function of it: a call's (its method,
   * status and error class) or a store call's (its {@link StoreCall}, with no status, and error
   * class); null for none. Hash and equality by hand, as for {@link MeterKey}.
   */
  private static final class KindKey {
    private final Object kind;
    private final Status.Code status;
    private final Class<?> error;
    private final int hash;

    KindKey(Object kind, Status.Code status, Class<?> error) {
      this.kind = kind;
      this.status = status;
      this.error = error;
      this.hash = (kind.hashCode() * 31 + Objects.hashCode(status)) * 31 + Objects.hashCode(error);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof KindKey key && key.hash == hash && key.status == status && key.error == error
          && key.kind.equals(kind);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * A meter's name and tags; {@code error} is the timer's extra tag (null for the others). Hash
   * and equality by hand, the hash computed once: as a record's, generated through method handles,
   * they were a quarter of the meters' cost in a profile (the JIT did not fold them away).
   */
  private static final class MeterKey {
    private final String name;
    private final KeyValues keyValues;
    private final String error;
    private final int hash;

    MeterKey(String name, KeyValues keyValues, String error) {
      this.name = name;
      this.keyValues = keyValues;
      this.error = error;
      this.hash = (name.hashCode() * 31 + keyValues.hashCode()) * 31 + Objects.hashCode(error);
    }

    String name() {
      return name;
    }

    Tags tags() {
      List<Tag> tags = new ArrayList<>();
      for (KeyValue keyValue : keyValues) {
        tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
      }
      if (error != null) {
        tags.add(Tag.of("error", error));
      }
      return Tags.of(tags);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof MeterKey key && key.hash == hash && key.name.equals(name)
          && Objects.equals(key.error, error) && key.keyValues.equals(keyValues);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
