package dev.polystore.platform.vector.lucene;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;

/**
 * The codes built from segments' vectors ({@link Int8Codes}, {@link BinaryCodes}), shared by every
 * namespace of a store and bounded in bytes: each is kept until Lucene closes its segment (a merge
 * replaced it) or the bound evicts the least used; an evicted segment's codes are built again by its
 * next query (one pass over its floats). Without the bound, a store of many namespaces would keep
 * about 0.4 KB of heap per 384-d vector of every namespace queried since start.
 */
final class SegmentCodes {
  private final Cache<Key, Weighed> cache;
  /** The segments whose closing drops their codes: one listener each, however often evicted and rebuilt. */
  private final Set<Object> watched = ConcurrentHashMap.newKeySet();
  /** The kinds of codes asked for, so that a closing segment's entries are dropped by key. */
  private final Set<Class<?>> kinds = ConcurrentHashMap.newKeySet();

  SegmentCodes(long maxBytes) {
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((Key key, Weighed codes) -> (int) Math.min(Integer.MAX_VALUE, codes.bytes()))
        .executor(Runnable::run) // evictions on the calling thread: a bound that holds when the call returns
        .build();
  }

  /** A quarter of the heap the JVM may grow to. */
  static SegmentCodes quarterOfHeap() {
    return new SegmentCodes(Runtime.getRuntime().maxMemory() / 4);
  }

  /** The segment's codes of {@code kind}, built by {@code build} when not kept. */
  <T extends Weighed> T of(LeafReader reader, Class<T> kind, Build<T> build) throws IOException {
    IndexReader.CacheHelper core = reader.getCoreCacheHelper();
    if (core == null) {
      return build.build();
    }
    Key key = new Key(core.getKey(), kind);
    kinds.add(kind);
    if (watched.add(key.core())) {
      // By key rather than by scanning the cache: an invalidation waits for a build of that key in
      // progress, so codes built while their segment closes are dropped too.
      core.addClosedListener(closed -> {
        kinds.forEach(known -> cache.invalidate(new Key(closed, known)));
        watched.remove(closed);
      });
    }
    try {
      return kind.cast(cache.get(key, absent -> {
        try {
          return build.build();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** How many codes are kept (tests). */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** How many segments are watched for their closing (tests). */
  int watched() {
    return watched.size();
  }

  private record Key(Object core, Class<?> kind) {}

  /** Codes that know their size in bytes on the heap, for the bound. */
  interface Weighed {
    long bytes();
  }

  @FunctionalInterface
  interface Build<T> {
    T build() throws IOException;
  }
}
