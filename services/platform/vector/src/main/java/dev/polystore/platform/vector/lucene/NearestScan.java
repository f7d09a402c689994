package dev.polystore.platform.vector.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.NeighborQueue;

/**
 * Nearest neighbours of a vector, segment by segment. In a small namespace the result is exact:
 * every live document is bounded by its {@link Int8Codes} ({@link Int8Scan}) and those that may be in
 * the top k are scored on their floats. In a larger one each segment ranks its documents by their
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
  /** The segments' codes, kept while their segment is open and the bound allows. */
  private final SegmentCodes codes;
  private final ScanHelpers helpers;

  NearestScan(String field, NearestSearch settings) {
    this(field, settings, SegmentCodes.quarterOfHeap(), ScanHelpers.NONE);
  }

  /** With the store's shared {@code codes}; scans split over {@code helpers} when they are idle. */
  NearestScan(String field, NearestSearch settings, SegmentCodes codes, ScanHelpers helpers) {
    this.field = field;
    this.settings = settings;
    this.codes = codes;
    this.helpers = helpers;
  }

  /** The best {@code k} live documents {@code filter} (null: all) lets through, best first. */
  List<ScoreDoc> search(IndexSearcher searcher, float[] target, Query filter, int k) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    Weight filterWeight = filter == null ? null
        : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
    List<Leaf> leaves = new ArrayList<>();
    for (LeafReaderContext context : reader.leaves()) {
      FieldInfo info = context.reader().getFieldInfos().fieldInfo(field);
      Bits accepted = info == null || !info.hasVectorValues() ? NONE : accepted(context, filterWeight);
      if (accepted != NONE) {
        leaves.add(new Leaf(context, info.getVectorSimilarityFunction(), accepted));
      }
    }
    NeighborQueue best = new NeighborQueue(k, false);
    if (reader.numDocs() <= settings.exactUpToDocs()) {
      int[][] candidates = exactCandidates(leaves, target, k);
      for (int i = 0; i < leaves.size(); i++) {
        score(leaves.get(i), target, candidates[i], best);
      }
    } else {
      binarySearch(leaves, target, k, best);
    }
    ScoreDoc[] hits = new ScoreDoc[best.size()];
    for (int i = hits.length - 1; i >= 0; i--) {
      float score = best.topScore();
      hits[i] = new ScoreDoc(best.pop(), score);
    }
    return Arrays.asList(hits);
  }

  /** A segment with vectors, how they compare, and which of its documents count (null: all live). */
  private record Leaf(LeafReaderContext context, VectorSimilarityFunction similarity, Bits accepted) {}

  /**
   * Per leaf, the documents that may be among the best {@code k} of all by their float scores, in
   * document order: a superset of them, by the segments' {@link Int8Codes}.
   */
  private int[][] exactCandidates(List<Leaf> leaves, float[] target, int k) throws IOException {
    List<Int8Scan.Segment> segments = new ArrayList<>();
    boolean normalize = false;
    for (Leaf leaf : leaves) {
      normalize = leaf.similarity() == VectorSimilarityFunction.COSINE; // one similarity per field
      Int8Codes segment = int8Of(leaf.context().reader(), normalize);
      Bits accepted = leaf.accepted();
      segments.add(new Int8Scan.Segment(segment, accepted == null ? null : ord -> accepted.get(segment.doc(ord))));
    }
    float[] query = normalize && !LuceneDocuments.isZero(target) ? VectorUtil.l2normalize(target.clone()) : target;
    int[][] ords = Int8Scan.candidates(segments, query, k, helpers);
    for (int s = 0; s < ords.length; s++) {
      Int8Codes segment = segments.get(s).codes();
      for (int i = 0; i < ords[s].length; i++) {
        ords[s][i] = segment.doc(ords[s][i]); // ordinals follow document order, so these ascend
      }
    }
    return ords;
  }

  /**
   * Each leaf ranked by its binary codes and its best share scored on floats into {@code best}; the
   * leaves are shared out, by size, among the caller and idle helpers.
   */
  private void binarySearch(List<Leaf> leaves, float[] target, int k, NeighborQueue best) throws IOException {
    QueryBits bits = QueryBits.of(target);
    long[] sizes = leaves.stream().mapToLong(leaf -> leaf.context().reader().maxDoc()).toArray();
    NeighborQueue[] found = new NeighborQueue[Math.max(1, leaves.size())];
    try {
      helpers.run(leaves.size(), (slice, slices) -> {
        int[] owners = ScanHelpers.share(sizes, slices);
        NeighborQueue mine = new NeighborQueue(k, false);
        for (int i = 0; i < leaves.size(); i++) {
          if (owners[i] == slice) {
            Leaf leaf = leaves.get(i);
            try {
              int[] candidates = candidates(leaf.context().reader(), leaf.similarity(), bits, leaf.accepted(), k);
              score(leaf, target, candidates, mine);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }
        found[slice] = mine;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    drainInto(found, best);
  }

  /** Moves what {@code queues} hold (null ones skipped) into {@code best}, which keeps its best. */
  static void drainInto(NeighborQueue[] queues, NeighborQueue best) {
    for (NeighborQueue queue : queues) {
      while (queue != null && queue.size() > 0) {
        float score = queue.topScore();
        best.insertWithOverflow(queue.pop(), score);
      }
    }
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
  private void score(Leaf leaf, float[] target, int[] candidates, NeighborQueue best) throws IOException {
    FloatVectorValues values = leaf.context().reader().getFloatVectorValues(field);
    int docBase = leaf.context().docBase;
    VectorSimilarityFunction similarity = leaf.similarity();
    if (candidates == null) {
      Bits accepted = leaf.accepted();
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        if (accepted == null || accepted.get(doc)) {
          best.insertWithOverflow(docBase + doc, similarity.compare(target, values.vectorValue()));
        }
      }
      return;
    }
    for (int doc : candidates) {
      values.advance(doc);
      best.insertWithOverflow(docBase + doc, similarity.compare(target, values.vectorValue()));
    }
  }

  private Int8Codes int8Of(LeafReader reader, boolean normalize) throws IOException {
    return codes.of(reader, Int8Codes.class, () -> Int8Codes.of(reader.getFloatVectorValues(field), normalize));
  }

  private BinaryCodes codesOf(LeafReader reader, VectorSimilarityFunction similarity) throws IOException {
    boolean normalize = similarity == VectorSimilarityFunction.COSINE;
    return codes.of(reader, BinaryCodes.class, () -> BinaryCodes.of(() -> reader.getFloatVectorValues(field), normalize));
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
