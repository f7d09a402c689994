package dev.polystore.platform.vector.lucene;

import java.io.IOException;
import java.util.PriorityQueue;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.HitQueue;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;

/**
 * The exact top k of one segment by dot product, reading a quarter of the bytes: every document is
 * scored on its 8-bit codes ({@link QuantizedVectors}), and only those that could still be in the
 * top k once the quantization error is counted are scored again on their float vectors, with the
 * very function Lucene's own exact search uses. The result is the same top k, in the same order,
 * with the same scores.
 *
 * <p>Why it is exact: with {@code q~} and {@code x~} the dequantized query and document,
 * {@code q.x - q~.x~ = q.(x - x~) + (q - q~).x~}, so {@code |q.x - q~.x~| <= |q| |x - x~| + |q - q~| |x~|}:
 * a bound per document from what {@link QuantizedVectors} keeps. Let {@code T} be the k-th largest
 * lower bound ({@code q~.x~} minus the bound): k documents score at least {@code T}, so every document
 * of the true top k does too, and its upper bound is at least {@code T}. Re-scoring every document
 * whose upper bound reaches {@code T} therefore re-scores the whole true top k. On 384-d unit vectors
 * the bound is about 0.015 and a handful of documents are re-scored.
 */
final class QuantizedExactSearch {
  /** Room for float rounding in the scores compared with the bounds (dot products of unit vectors). */
  private static final float SLACK = 1e-4f;

  private QuantizedExactSearch() {}

  /**
   * The top {@code k} documents of the segment among {@code acceptDocs} (all when null) by
   * {@code similarity} (DOT_PRODUCT: unit vectors), for {@code target}, which must be unit length too.
   */
  static TopDocs search(QuantizedVectors vectors, FloatVectorValues floats, VectorSimilarityFunction similarity,
      float[] target, int k, Bits acceptDocs) throws IOException {
    QuantizedVectors.Quantized query = QuantizedVectors.quantize(target);
    float queryNorm = (float) Math.sqrt(VectorUtil.dotProduct(target, target));
    int size = vectors.size();
    float[] approximate = new float[size];
    float[] bound = new float[size];
    // The k largest lower bounds, smallest first: its head is T once every document is seen.
    PriorityQueue<Float> lowest = new PriorityQueue<>(k + 1);
    int accepted = 0;
    for (int ord = 0; ord < size; ord++) {
      if (acceptDocs != null && !acceptDocs.get(vectors.docs[ord])) {
        approximate[ord] = Float.NaN;
        continue;
      }
      accepted++;
      approximate[ord] = query.scale() * vectors.scales[ord] * VectorUtil.dotProduct(query.codes(), vectors.codes[ord]);
      bound[ord] = queryNorm * vectors.residuals[ord] + query.residual() * vectors.norms[ord] + SLACK;
      float lower = approximate[ord] - bound[ord];
      if (lowest.size() < k) {
        lowest.add(lower);
      } else if (lower > lowest.peek()) {
        lowest.poll();
        lowest.add(lower);
      }
    }
    float threshold = lowest.size() < k ? Float.NEGATIVE_INFINITY : lowest.peek();
    HitQueue top = new HitQueue(k, false);
    for (int ord = 0; ord < size; ord++) {
      // NaN (not accepted) fails the comparison too.
      if (approximate[ord] + bound[ord] >= threshold) {
        int doc = vectors.docs[ord];
        if (floats.docID() < doc) {
          floats.advance(doc);
        }
        top.insertWithOverflow(new ScoreDoc(doc, similarity.compare(target, floats.vectorValue())));
      }
    }
    ScoreDoc[] hits = new ScoreDoc[top.size()];
    for (int i = hits.length - 1; i >= 0; i--) {
      hits[i] = top.pop();
    }
    return new TopDocs(new TotalHits(accepted, TotalHits.Relation.EQUAL_TO), hits);
  }
}
