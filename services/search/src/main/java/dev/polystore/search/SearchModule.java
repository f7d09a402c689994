package dev.polystore.search;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.errors.OutageClassifier;
import dev.polystore.platform.health.ManagedStore;
import dev.polystore.platform.service.ServiceModule;
import dev.polystore.platform.vector.VectorConfig;
import dev.polystore.platform.vector.VectorOutages;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.VectorStores;
import dev.polystore.search.api.SearchGrpcService;
import dev.polystore.search.domain.Embedder;
import dev.polystore.search.domain.Indexing;
import dev.polystore.search.domain.Searching;
import dev.polystore.search.embedding.MiniLmEmbedder;
import dev.polystore.search.store.VectorSearchIndex;
import io.grpc.BindableService;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SearchService on the vector store VECTOR_BACKEND names (turbopuffer, or the embedded engine),
 * with the in-process MiniLM embedder. Workspace W's documents live in namespace
 * SEARCH_NAMESPACE_PREFIX + W (default "polystore-ws-"), so environments can share a turbopuffer
 * organisation by prefix.
 */
public final class SearchModule implements ServiceModule {
  public static final String NAMESPACE_PREFIX = "SEARCH_NAMESPACE_PREFIX";
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,60}");

  private final VectorStore vectors;
  private final SearchGrpcService service;
  private final SearchStore store;

  private SearchModule(VectorStore vectors, Embedder embedder, String namespacePrefix) {
    VectorSearchIndex index = new VectorSearchIndex(vectors, namespacePrefix);
    this.vectors = vectors;
    this.service = new SearchGrpcService(new Indexing(index, embedder), new Searching(index, embedder));
    this.store = new SearchStore(vectors, embedder);
  }

  public static SearchModule fromEnv(Env env) {
    VectorConfig config = VectorConfig.fromEnv(env);
    String prefix = env.string(NAMESPACE_PREFIX, "polystore-ws-");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new ConfigException(NAMESPACE_PREFIX, "must match [A-Za-z0-9_.-]{1,60}, was '" + prefix + "'");
    }
    return create(VectorStores.open(config), new MiniLmEmbedder(), prefix);
  }

  /** A module on a given store and embedder; the module closes the store. */
  public static SearchModule create(VectorStore vectors, Embedder embedder, String namespacePrefix) {
    return new SearchModule(vectors, embedder, namespacePrefix);
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
  public void close() {
    vectors.close();
  }
}
