package dev.polystore.search;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.health.ManagedStore;
import dev.polystore.platform.events.EventsConfig;
import dev.polystore.platform.service.BackgroundTask;
import dev.polystore.platform.service.ServiceModule;
import dev.polystore.platform.valkey.ValkeyConfig;
import dev.polystore.platform.valkey.ValkeyStore;
import dev.polystore.platform.valkey.streams.StreamConsumerConfig;
import dev.polystore.platform.valkey.streams.StreamConsumers;
import dev.polystore.platform.vector.VectorConfig;
import dev.polystore.platform.vector.VectorOutages;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.VectorStores;
import dev.polystore.search.api.SearchGrpcService;
import dev.polystore.search.domain.Embedder;
import dev.polystore.search.domain.Indexing;
import dev.polystore.search.domain.Searching;
import dev.polystore.search.embedding.MiniLmEmbedder;
import dev.polystore.search.events.MessageIndexer;
import dev.polystore.search.store.VectorSearchIndex;
import io.grpc.BindableService;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SearchService on the vector store VECTOR_BACKEND names (turbopuffer, or the embedded engine),
 * with the in-process MiniLM embedder. Workspace W's documents live in namespace
 * SEARCH_NAMESPACE_PREFIX + W (default "polystore-ws-"), so environments can share a turbopuffer
 * organisation by prefix. Messenger's message events (stream {@code events:{messenger}}, consumer
 * group {@code search}) are indexed as they come, so a query by meaning finds chat messages.
 */
public final class SearchModule implements ServiceModule {
  public static final String NAMESPACE_PREFIX = "SEARCH_NAMESPACE_PREFIX";
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,60}");

  private final VectorStore vectors;
  private final SearchGrpcService service;
  private final SearchStore store;
  /** Messenger's events, indexed; empty for a module without an event bus. */
  private final List<StreamConsumers> consumers;

  private SearchModule(VectorStore vectors, Embedder embedder, String namespacePrefix, ValkeyStore bus,
      StreamConsumerConfig events) {
    VectorSearchIndex index = new VectorSearchIndex(vectors, namespacePrefix);
    Indexing indexing = new Indexing(index, embedder);
    this.vectors = vectors;
    this.service = new SearchGrpcService(indexing, new Searching(index, embedder));
    this.store = new SearchStore(vectors, embedder);
    this.consumers = bus == null ? List.of() : List.of(new StreamConsumers(bus, MessageIndexer.GROUP,
        List.of(EventsConfig.streamOf("messenger")), new MessageIndexer(indexing), outages(), events));
  }

  /** With the event bus of VALKEY_URL: chat messages are indexed as messenger publishes them. */
  public static SearchModule fromEnv(Env env) {
    // Every setting is read before anything is opened, so a bad one leaks nothing.
    VectorConfig config = VectorConfig.fromEnv(env);
    String prefix = env.string(NAMESPACE_PREFIX, "polystore-ws-");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new ConfigException(NAMESPACE_PREFIX, "must match [A-Za-z0-9_.-]{1,60}, was '" + prefix + "'");
    }
    ValkeyConfig bus = ValkeyConfig.fromEnv(env);
    StreamConsumerConfig events = StreamConsumerConfig.fromEnv(env);
    return new SearchModule(VectorStores.open(config), new MiniLmEmbedder(), prefix, new ValkeyStore(bus), events);
  }

  /** A module on a given store and embedder, without events; the module closes the store. */
  public static SearchModule create(VectorStore vectors, Embedder embedder, String namespacePrefix) {
    return new SearchModule(vectors, embedder, namespacePrefix, null, null);
  }

  /** As {@link #create(VectorStore, Embedder, String)}, indexing messenger's events from {@code bus}, which the module closes. */
  public static SearchModule create(VectorStore vectors, Embedder embedder, String namespacePrefix, ValkeyStore bus,
      StreamConsumerConfig events) {
    return new SearchModule(vectors, embedder, namespacePrefix, bus, events);
  }

  @Override
  public String name() {
    return "search";
  }

  @Override
  public BindableService grpcService() {
    return service;
  }

  @Override
  public ManagedStore store() {
    return store;
  }

  @Override
  public List<OutageClassifier> outages() {
    return List.of(new VectorOutages());
  }

  @Override
  public List<BackgroundTask> backgroundTasks() {
    return List.copyOf(consumers);
  }

  @Override
  public void close() {
    consumers.forEach(StreamConsumers::close);
    vectors.close();
  }
}
