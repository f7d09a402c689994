package dev.polystore.platform.vector.lucene;

import dev.polystore.platform.vector.IdOrder;
import dev.polystore.platform.vector.NamespaceNames;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The embedded vector engine: one Lucene index per namespace under a root directory, vectors
 * searched by a scan of binary codes and a float re-score ({@link NearestScan}), text by BM25. Indexes are opened on first use and stay open; on restart they are
 * reopened at their last commit. Lucene's write lock keeps a second process off an open index.
 */
public final class LuceneVectorStore implements VectorStore {
  private final Path root;
  private final NearestSearch nearestSearch;
  private final Map<String, LuceneNamespace> open = new ConcurrentHashMap<>();
  private final SegmentCodes codes = SegmentCodes.quarterOfHeap();
  private final ScanHelpers helpers = ScanHelpers.perCore();

  public LuceneVectorStore(Path root) {
    this(root, NearestSearch.DEFAULT);
  }

  /** With its own way of answering nearest-neighbour queries (tests and benchmarks). */
  public LuceneVectorStore(Path root, NearestSearch nearestSearch) {
    this.root = root;
    this.nearestSearch = nearestSearch;
  }

  /** Creates the root directory and checks that it is writable. */
  @Override
  public void migrate() {
    try {
      Files.createDirectories(root);
      Path probe = Files.createTempFile(root, ".probe", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new UncheckedIOException("vector data directory " + root + " is not writable", e);
    }
  }

  @Override
  public boolean isReachable() {
    return Files.isDirectory(root) && Files.isWritable(root);
  }

  @Override
  public Optional<NamespaceSchema> schema(String namespace) {
    return namespace(namespace, false).map(LuceneNamespace::schema);
  }

  @Override
  public void write(String namespace, WriteBatch batch) {
    try {
      namespace(namespace, true).orElseThrow().write(batch);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to namespace " + namespace + " failed", e);
    }
  }

  @Override
  public List<ScoredDocument> query(String namespace, VectorQuery query) {
    Optional<LuceneNamespace> index = namespace(namespace, false);
    if (index.isEmpty()) {
      return List.of();
    }
    try {
      return index.get().query(query);
    } catch (IOException e) {
      throw new UncheckedIOException("querying namespace " + namespace + " failed", e);
    }
  }

  /** The subdirectories of the root that hold an index: each is a namespace. */
  @Override
  public List<String> namespaces(String prefix) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      List<String> names = new ArrayList<>();
      for (Path child : (Iterable<Path>) children::iterator) {
        String name = child.getFileName().toString();
        if (name.startsWith(prefix) && !name.startsWith(".") && LuceneNamespace.exists(child)) {
          names.add(name);
        }
      }
      names.sort(IdOrder.ORDER);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("listing the namespaces under " + root + " failed", e);
    }
  }

  @Override
  public List<VectorDocument> documents(String namespace, String afterId, int limit) {
    Optional<LuceneNamespace> index = namespace(namespace, false);
    if (index.isEmpty()) {
      return List.of();
    }
    try {
      return index.get().documents(afterId, limit);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the documents of namespace " + namespace + " failed", e);
    }
  }

  @Override
  public long approximateCount(String namespace) {
    Optional<LuceneNamespace> index = namespace(namespace, false);
    try {
      return index.isEmpty() ? 0 : index.get().count();
    } catch (IOException e) {
      throw new UncheckedIOException("counting the documents of namespace " + namespace + " failed", e);
    }
  }

  @Override
  public synchronized void deleteNamespace(String namespace) {
    NamespaceNames.require(namespace);
    try {
      LuceneNamespace index = open.remove(namespace);
      if (index != null) {
        index.close();
      }
      Path directory = root.resolve(namespace);
      if (Files.exists(directory)) {
        try (Stream<Path> paths = Files.walk(directory)) {
          for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
            Files.delete(path);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deleting namespace " + namespace + " failed", e);
    }
  }

  private Optional<LuceneNamespace> namespace(String namespace, boolean create) {
    LuceneNamespace index = open.get(namespace);
    if (index != null) {
      return Optional.of(index);
    }
    synchronized (this) {
      index = open.get(NamespaceNames.require(namespace));
      if (index != null) {
        return Optional.of(index);
      }
      Path directory = root.resolve(namespace);
      try {
        if (!create && !LuceneNamespace.exists(directory)) {
          return Optional.empty();
        }
        index = LuceneNamespace.open(directory, nearestSearch, codes, helpers);
      } catch (IOException e) {
        throw new UncheckedIOException("opening namespace " + namespace + " in " + root + " failed", e);
      }
      open.put(namespace, index);
      return Optional.of(index);
    }
  }

  @Override
  public synchronized void close() {
    IOException failure = null;
    for (LuceneNamespace index : open.values()) {
      try {
        index.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    open.clear();
    helpers.close();
    if (failure != null) {
      throw new UncheckedIOException("closing the vector indexes failed", failure);
    }
  }
}
