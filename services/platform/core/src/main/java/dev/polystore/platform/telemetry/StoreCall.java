package dev.polystore.platform.telemetry;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * One kind of store call (a SQL operation on a database, a CQL statement kind on a keyspace, an S3
 * operation): its observation's name, span name and low-cardinality key values. Each observation
 * of it carries it in its context ({@link Context}), so that a handler can find what it keeps per
 * kind of call by this object, instead of rebuilding, sorting and hashing the context's key values
 * on every call (the gateway's timers: that was half of what metrics cost GetUser in a profile,
 * docs/benchmarks.md, observability).
 *
 * <p>Equal when name, span name and key values are: a kind may be made once and kept (the hash is
 * computed once) or made per call.
 */
public final class StoreCall {
  private final String name;
  private final String contextualName;
  private final KeyValues keyValues;
  private final int hash;

  public StoreCall(String name, String contextualName, KeyValues keyValues) {
    this.name = name;
    this.contextualName = contextualName;
    this.keyValues = keyValues;
    this.hash = Objects.hash(name, contextualName, keyValues);
  }

  /**
   * A new observation of this kind of call on {@link Telemetry#observations()}, not started. Its
   * low-cardinality key values are this kind's: its context answers them from here, and handlers
   * may read them from here directly ({@link Context#call()}).
   */
  public Observation observation() {
    return observation(Telemetry.observations());
  }

  /** As {@link #observation()}, on {@code registry}. */
  public Observation observation(ObservationRegistry registry) {
    return Observation.createNotStarted(name, () -> new Context(this), registry)
        .contextualName(contextualName);
  }

  public String name() {
    return name;
  }

  public KeyValues keyValues() {
    return keyValues;
  }

  @Override
  public boolean equals(Object other) {
    return other == this || other instanceof StoreCall call && call.hash == hash && call.name.equals(name)
        && call.contextualName.equals(contextualName) && call.keyValues.equals(keyValues);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return name + " " + contextualName + " " + keyValues;
  }

  /**
   * The context of a store call's observation: an observation context that knows its kind. Its
   * low-cardinality key values are the kind's, followed by any added to it. Why not put them into
   * the context's map as observations do: that was three puts into a new map on every store call,
   * which no handler reads (they read the kind's).
   */
  public static final class Context extends Observation.Context {
    private final StoreCall call;

    Context(StoreCall call) {
      this.call = call;
    }

    public StoreCall call() {
      return call;
    }

    @Override
    public KeyValues getLowCardinalityKeyValues() {
      return call.keyValues.and(super.getLowCardinalityKeyValues()); // the kind's own when none were added
    }

    @Override
    public KeyValue getLowCardinalityKeyValue(String key) {
      KeyValue added = super.getLowCardinalityKeyValue(key);
      return added != null ? added : call.keyValues.stream().filter(value -> value.getKey().equals(key)).findFirst()
          .orElse(null);
    }
  }
}
