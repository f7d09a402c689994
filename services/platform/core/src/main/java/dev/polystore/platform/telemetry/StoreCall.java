package dev.polystore.platform.telemetry;

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
   * low-cardinality key values are this kind's, and nothing may add others: handlers read them
   * from here ({@link Context#call()}).
   */
  public Observation observation() {
    return observation(Telemetry.observations());
  }

  /** As {@link #observation()}, on {@code registry}. */
  public Observation observation(ObservationRegistry registry) {
    return Observation.createNotStarted(name, () -> new Context(this), registry)
        .contextualName(contextualName)
        .lowCardinalityKeyValues(keyValues);
  }

  public String name() {
    return name;
  }

  public KeyValues keyValues() {
    return keyValues;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoreCall call && call.hash == hash && call.name.equals(name)
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

  /** The context of a store call's observation: an observation context that knows its kind. */
  public static final class Context extends Observation.Context {
    private final StoreCall call;

    Context(StoreCall call) {
      this.call = call;
    }

    public StoreCall call() {
      return call;
    }
  }
}
