package dev.polystore.platform.vector;

import dev.polystore.platform.telemetry.StoreCall;
import io.micrometer.common.KeyValues;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A vector store whose queries and upserts are observed: the timer {@code vector.operation}
 * (tagged db.system.name=lucene|turbopuffer, db.operation.name=query|upsert) and a span each,
 * child of the RPC's. Neither engine has instrumentation of its own to use.
 */
final class ObservedVectorStore implements VectorStore {
  private final VectorStore store;
  private final String system;

  ObservedVectorStore(VectorStore store, String system) {
    this.store = store;
    this.system = system;
  }

  @Override
  public Optional<NamespaceSchema> schema(String namespace) {
    return store.schema(namespace);
  }

  @Override
  public void write(String namespace, WriteBatch batch) {
    observe("upsert", () -> {
      store.write(namespace, batch);
      return null;
    });
  }

  @Override
  public List<ScoredDocument> query(String namespace, VectorQuery query) {
    return observe("query", () -> store.query(namespace, query));
  }

  @Override
  public List<String> namespaces(String prefix) {
    return store.namespaces(prefix);
  }

  @Override
  public List<VectorDocument> documents(String namespace, String afterId, int limit) {
    return store.documents(namespace, afterId, limit);
  }

  @Override
  public long approximateCount(String namespace) {
    return store.approximateCount(namespace);
  }

  @Override
  public void deleteNamespace(String namespace) {
    store.deleteNamespace(namespace);
  }

  @Override
  public void migrate() {
    store.migrate();
  }

  @Override
  public boolean isReachable() {
    return store.isReachable();
  }

  @Override
  public void close() {
    store.close();
  }

  private <T> T observe(String operation, Supplier<T> work) {
    return new StoreCall("vector.operation", operation + " " + system,
        KeyValues.of("db.system.name", system, "db.operation.name", operation))
        .observation().observe(work);
  }
}
