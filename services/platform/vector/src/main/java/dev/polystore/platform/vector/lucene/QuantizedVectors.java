package dev.polystore.platform.vector.lucene;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * One segment's vectors in 8 bits a component, kept in memory for {@link QuantizedExactSearch}: a
 * quarter of the bytes of the float vectors that an exact search would otherwise read for every
 * query, with what it takes to bound the error that costs. Each vector {@code x} is stored as
 * {@code scale * code} with codes in [-127, 127] ({@code scale} = its largest component / 127),
 * beside {@code residual} = |x - scale * code| and {@code norm} = |scale * code|.
 *
 * <p>Built from the segment's own float vectors the first time an exact search reads the segment,
 * and kept while the segment is open (segments never change; deletions are the searcher's live
 * documents), within {@link #CACHE_BYTES} for the whole process.
 *
 * <p>Why not Lucene's own quantized format ({@code Lucene99HnswScalarQuantizedVectorsFormat}): it
 * changes how indexes are written (every existing one would need rewriting), and Lucene 9.12 offers
 * no exact search over it with the float vectors re-scoring the near ties.
 */
final class QuantizedVectors {
  /** At most this much memory for the quantized vectors of all open segments. */
  static final long CACHE_BYTES = 256L << 20;

  private static final Cache<SegmentField, QuantizedVectors> CACHE = Caffeine.newBuilder()
      .maximumWeight(CACHE_BYTES)
      .weigher((SegmentField key, QuantizedVectors vectors) -> (int) Math.min(Integer.MAX_VALUE, vectors.bytes()))
      .build();

  /** The segment's documents with a vector, in order; the other arrays are by the same position. */
  final int[] docs;
  final byte[][] codes;
  final float[] scales;
  final float[] residuals;
  final float[] norms;

  private QuantizedVectors(int[] docs, byte[][] codes, float[] scales, float[] residuals, float[] norms) {
    this.docs = docs;
    this.codes = codes;
    this.scales = scales;
    this.residuals = residuals;
    this.norms = norms;
  }

  /** The quantized vectors of {@code field} in {@code leaf}, made on first use; null when it has none. */
  static QuantizedVectors of(LeafReader leaf, String field) throws IOException {
    IndexReader.CacheHelper segment = leaf.getCoreCacheHelper();
    if (segment == null) {
      return build(leaf.getFloatVectorValues(field));
    }
    SegmentField key = new SegmentField(segment.getKey(), field);
    try {
      return CACHE.get(key, unused -> {
        try {
          QuantizedVectors built = build(leaf.getFloatVectorValues(field));
          segment.addClosedListener(closed -> CACHE.invalidate(key));
          return built;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static QuantizedVectors build(FloatVectorValues values) throws IOException {
    if (values == null) {
      return null;
    }
    int count = values.size();
    int[] docs = new int[count];
    byte[][] codes = new byte[count][];
    float[] scales = new float[count];
    float[] residuals = new float[count];
    float[] norms = new float[count];
    int ord = 0;
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc(), ord++) {
      Quantized quantized = quantize(values.vectorValue());
      docs[ord] = doc;
      codes[ord] = quantized.codes();
      scales[ord] = quantized.scale();
      residuals[ord] = quantized.residual();
      norms[ord] = quantized.norm();
    }
    return new QuantizedVectors(docs, codes, scales, residuals, norms);
  }

  /** A vector in 8 bits a component, with its error: {@code |vector - scale * codes|}, and its norm. */
  record Quantized(byte[] codes, float scale, float residual, float norm) {}

  static Quantized quantize(float[] vector) {
    float largest = 0;
    for (float component : vector) {
      largest = Math.max(largest, Math.abs(component));
    }
    byte[] codes = new byte[vector.length];
    if (largest == 0) {
      return new Quantized(codes, 0, 0, 0);
    }
    float scale = largest / 127f;
    double residual = 0;
    double norm = 0;
    for (int i = 0; i < vector.length; i++) {
      int code = Math.max(-127, Math.min(127, Math.round(vector[i] / scale)));
      codes[i] = (byte) code;
      double restored = (double) scale * code;
      residual += (vector[i] - restored) * (vector[i] - restored);
      norm += restored * restored;
    }
    // Rounded up, so the bounds built on them hold in float arithmetic.
    return new Quantized(codes, scale, Math.nextUp((float) Math.sqrt(residual)), Math.nextUp((float) Math.sqrt(norm)));
  }

  int size() {
    return docs.length;
  }

  private long bytes() {
    return docs.length * (long) (16 + 16 + (codes.length == 0 ? 0 : codes[0].length));
  }

  private record SegmentField(Object segment, String field) {}
}
