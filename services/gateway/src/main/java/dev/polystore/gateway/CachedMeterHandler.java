package dev.polystore.gateway;

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
 */
final class CachedMeterHandler implements MeterObservationHandler<Observation.Context> {
  /** The gauge of calls in flight (Micrometer's gRPC observation name, with ".active"). */
  static final String ACTIVE = "grpc.server.active";

  private final MeterRegistry registry;
  private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();
  private final Map<MeterKey, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();

  CachedMeterHandler(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onStart(Observation.Context context) {
    if (context instanceof GrpcServerObservationContext) {
      AtomicInteger active = meter(inFlight, new MeterKey(ACTIVE, context.getLowCardinalityKeyValues(), null), this::callsInFlight);
      active.incrementAndGet();
      context.put(InFlight.class, new InFlight(active));
    }
    context.put(Timer.Sample.class, Timer.start(registry));
  }

  @Override
  public void onStop(Observation.Context context) {
    Throwable error = context.getError();
    Timer timer = meter(timers, new MeterKey(context.getName(), context.getLowCardinalityKeyValues(),
        error == null ? "none" : error.getClass().getSimpleName()),
        key -> Timer.builder(key.name()).tags(key.tags()).register(registry));
    Timer.Sample sample = context.getRequired(Timer.Sample.class);
    sample.stop(timer);
    InFlight active = context.get(InFlight.class);
    if (active != null) {
      active.calls().decrementAndGet();
    }
  }

  @Override
  public void onEvent(Observation.Event event, Observation.Context context) {
    meter(counters, new MeterKey(context.getName() + "." + event.getName(), context.getLowCardinalityKeyValues(), null),
        key -> Counter.builder(key.name()).tags(key.tags()).register(registry)).increment();
  }

  private AtomicInteger callsInFlight(MeterKey key) {
    AtomicInteger calls = new AtomicInteger();
    Gauge.builder(key.name(), calls, AtomicInteger::get).strongReference(true).tags(key.tags())
        .description("calls in flight").register(registry);
    return calls;
  }

  private static <M> M meter(Map<MeterKey, M> meters, MeterKey key, Function<MeterKey, M> register) {
    M meter = meters.get(key);
    return meter != null ? meter : meters.computeIfAbsent(key, register);
  }

  /** The count a call's start added to, for its stop to take from. */
  private record InFlight(AtomicInteger calls) {}

  /** A meter's name and tags; {@code error} is the timer's extra tag (null for the others). */
  private record MeterKey(String name, KeyValues keyValues, String error) {
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
  }
}
