package dev.polystore.archfixture.activity.store;

import dev.polystore.archfixture.platform.valkey.StreamFixture;

/** Violates "the event bus stays out of stores": activity's store (Cassandra) reading Valkey. */
public final class StoreReadsEventBus {
  public long backlog(StreamFixture stream) {
    return stream.length();
  }
}
