package dev.polystore.platform.vector.lucene;

import java.io.IOException;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99ScalarQuantizedVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's default codec with vectors stored flat: no HNSW graph. Queries rank a segment by binary
 * codes kept in memory and score the best on floats ({@link NearestScan}), which on our machines
 * beat the graph on both ends: ingest 11,000 instead of 1,250 vectors/s (a graph is rebuilt at
 * every merge) and more queries per second at the same recall (docs/benchmarks.md, search).
 *
 * <p>The format is Lucene's scalar-quantized flat one, the only flat format Lucene 9.12 registers (so
 * a plain Lucene reads our indexes): the floats as written plus 7-bit codes we do not read. Vectors
 * may have up to 4096 dimensions instead of 1024 (OpenAI-style embeddings have 1536). Segments an
 * older engine wrote with a graph stay readable; their graph is simply not used.
 */
final class VectorCodec {
  static final int MAX_DIMENSIONS = 4096;

  private VectorCodec() {}

  static Codec create() {
    KnnVectorsFormat format = new WideFlatFormat();
    return new Lucene912Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }

  /** Lucene99ScalarQuantizedVectorsFormat under its own name (so readers find the standard one), with more dimensions. */
  private static final class WideFlatFormat extends KnnVectorsFormat {
    private final KnnVectorsFormat delegate = new Lucene99ScalarQuantizedVectorsFormat();

    WideFlatFormat() {
      super("Lucene99ScalarQuantizedVectorsFormat");
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
      return delegate.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
      return delegate.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
      return MAX_DIMENSIONS;
    }
  }
}
