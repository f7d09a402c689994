package dev.polystore.platform.vector.lucene;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.hnsw.NeighborQueue;

/**
 * Nearest neighbours of a vector, segment by segment. In a small namespace every live document is
 * scored on its floats (exact). In a larger one each segment ranks its documents by their
 * {@link BinaryCodes} estimate, and only the best share of them is scored on floats; the float
 * scores decide. Scores are Lucene's for the field's similarity ({@code (1 + cos) / 2}).
 *
 * <p>Lucene's own k-NN query is not used: its exact search scores a quantized field on its 7-bit
 * codes, not on the floats, and it has no binary first pass.
 */
final class NearestScan {
  private static final Bits NONE = new Bits.MatchNoBits(0);

  private final String field;
  private final NearestSearch settings;
  /** Codes per segment core, dropped when Lucene closes the core (after a merge replaced it). */
  private final Map<Object, BinaryCodes> codes = new ConcurrentHashMap<>();

  NearestScan(String field, NearestSearch settings) {
    this.field = field;
    this.settings = settings;
  }

  /** The best {@code k} live documents {@code filter} (null: all) lets through, best first. */
  List<ScoreDoc> search(IndexSearcher searcher, float[] target, Query filter, int k) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    boolean exact = reader.numDocs() <= settings.exactUpToDocs();
    Weight filterWeight = filter == null ? null
        : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
    QueryBits bits = exact ? null : QueryBits.of(target);
    NeighborQueue best = new NeighborQueue(k, false);
    for (LeafReaderContext leaf : reader.leaves()) {
      FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
      if (info == null || !info.hasVectorValues()) {
        continue;
      }
      Bits accepted = accepted(leaf, filterWeight);
      if (accepted == NONE) {
        continue;
      }
      VectorSimilarityFunction similarity = info.getVectorSimilarityFunction();
      int[] candidates = exact ? null : candidates(leaf.reader(), similarity, bits, accepted, k);
      score(leaf, similarity, target, accepted, candidates, best);
    }
    ScoreDoc[] hits = new ScoreDoc[best.size()];
    for (int i = hits.length - 1; i >= 0; i--) {
      float score = best.topScore();
      hits[i] = new ScoreDoc(best.pop(), score);
    }
    return Arrays.asList(hits);
  }

  /**
   * The documents of the segment whose estimates are in its best share (at least 10 k), in
   * document order; null when that share is the whole segment.
   */
  private int[] candidates(LeafReader reader, VectorSimilarityFunction similarity, QueryBits query, Bits accepted,
      int k) throws IOException {
    int size = reader.getFloatVectorValues(field).size();
    int wanted = Math.max(10 * k, (int) Math.ceil(settings.rescoredShare() * size));
    if (wanted >= size) {
      return null; // a small segment: no codes built for it
    }
    BinaryCodes segment = codesOf(reader, similarity);
    int[] ords = BestEstimates.of(segment.estimates(query),
        accepted == null ? null : ord -> accepted.get(segment.doc(ord)), wanted);
    int[] docs = new int[ords.length];
    for (int i = 0; i < ords.length; i++) {
      docs[i] = segment.doc(ords[i]); // ordinals follow document order, so these ascend
    }
    return docs;
  }

  /** Scores {@code candidates} (every accepted document when null) on their floats into {@code best}. */
  private void score(LeafReaderContext leaf, VectorSimilarityFunction similarity, float[] target, Bits accepted,
      int[] candidates, NeighborQueue best) throws IOException {
    FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
    if (candidates == null) {
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        if (accepted == null || accepted.get(doc)) {
          best.insertWithOverflow(leaf.docBase + doc, similarity.compare(target, values.vectorValue()));
        }
      }
      return;
    }
    for (int doc : candidates) {
      values.advance(doc);
      best.insertWithOverflow(leaf.docBase + doc, similarity.compare(target, values.vectorValue()));
    }
  }

  private BinaryCodes codesOf(LeafReader reader, VectorSimilarityFunction similarity) throws IOException {
    boolean normalize = similarity == VectorSimilarityFunction.COSINE;
    IndexReader.CacheHelper core = reader.getCoreCacheHelper();
    if (core == null) {
      return BinaryCodes.of(() -> reader.getFloatVectorValues(field), normalize);
    }
    BinaryCodes cached = codes.get(core.getKey());
    if (cached != null) {
      return cached;
    }
    BinaryCodes built = BinaryCodes.of(() -> reader.getFloatVectorValues(field), normalize);
    if (codes.putIfAbsent(core.getKey(), built) == null) {
      core.addClosedListener(codes::remove);
    }
    return built;
  }

  /** Live documents the filter lets through: null for all, {@link #NONE} for none. */
  private static Bits accepted(LeafReaderContext leaf, Weight filterWeight) throws IOException {
    Bits live = leaf.reader().getLiveDocs();
    if (filterWeight == null) {
      return live;
    }
    Scorer scorer = filterWeight.scorer(leaf);
    if (scorer == null) {
      return NONE;
    }
    FixedBitSet matches = new FixedBitSet(leaf.reader().maxDoc());
    DocIdSetIterator iterator = scorer.iterator();
    for (int doc = iterator.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = iterator.nextDoc()) {
      if (live == null || live.get(doc)) {
        matches.set(doc);
      }
    }
    return matches;
  }
}
