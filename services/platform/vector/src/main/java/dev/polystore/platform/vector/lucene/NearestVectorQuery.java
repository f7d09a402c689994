package dev.polystore.platform.vector.lucene;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilteredDocIdSetIterator;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.util.BitSet;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;

/**
 * Nearest neighbours of a vector, chosen by the namespace's size: in a small namespace every
 * document is scored (exact, and faster than walking a graph that would visit most of it anyway);
 * in a large one Lucene's HNSW search explores {@code candidates} and keeps the best {@code topK}.
 *
 * <p>Lucene has no public exact k-NN query; its {@code exactSearch}, which scores with the same
 * vector scorer as the graph, is protected, so this subclass routes the graph search to it.
 */
final class NearestVectorQuery extends KnnFloatVectorQuery {
  private final boolean exact;

  private NearestVectorQuery(String field, float[] target, int k, Query filter, boolean exact) {
    super(field, target, k, filter);
    this.exact = exact;
  }

  /** Every document scored: the true top {@code topK}. */
  static NearestVectorQuery exact(String field, float[] target, int topK, Query filter) {
    return new NearestVectorQuery(field, target, topK, filter, true);
  }

  /** The graph explores {@code candidates}; the caller keeps the best of them. */
  static NearestVectorQuery approximate(String field, float[] target, int candidates, Query filter) {
    return new NearestVectorQuery(field, target, candidates, filter, false);
  }

  @Override
  protected TopDocs approximateSearch(LeafReaderContext context, Bits acceptDocs, int visitedLimit,
      KnnCollectorManager collectors) throws IOException {
    if (!exact) {
      return super.approximateSearch(context, acceptDocs, visitedLimit, collectors);
    }
    return exactSearch(context, accepted(context.reader().maxDoc(), acceptDocs), null);
  }

  /** The documents {@code acceptDocs} lets through (all when null: no deletions and no filter). */
  private static DocIdSetIterator accepted(int maxDoc, Bits acceptDocs) {
    if (acceptDocs == null) {
      return DocIdSetIterator.all(maxDoc);
    }
    if (acceptDocs instanceof BitSet bits) {
      return new BitSetIterator(bits, bits.approximateCardinality());
    }
    return new FilteredDocIdSetIterator(DocIdSetIterator.all(maxDoc)) {
      @Override
      protected boolean match(int doc) {
        return acceptDocs.get(doc);
      }
    };
  }

  @Override
  public boolean equals(Object other) {
    return super.equals(other) && exact == ((NearestVectorQuery) other).exact;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Boolean.hashCode(exact);
  }
}
