package dev.polystore.platform.vector.lucene;

import java.io.IOException;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's default codec with our HNSW settings. The graph is denser than Lucene's default (M 32,
 * beam 200 instead of 16 and 100) for better recall, and vectors may have up to 4096 dimensions
 * instead of 1024 (OpenAI-style embeddings have 1536). Indexes are written in Lucene's own formats,
 * so a plain Lucene can read them.
 */
final class HnswCodec {
  static final int MAX_DIMENSIONS = 4096;
  private static final int MAX_CONNECTIONS = 32;
  private static final int BEAM_WIDTH = 200;

  private HnswCodec() {}

  static Codec create() {
    KnnVectorsFormat format = new WideHnswFormat();
    return new Lucene912Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }

  /** Lucene99HnswVectorsFormat under its own name (so readers find the standard one), with more dimensions. */
  private static final class WideHnswFormat extends KnnVectorsFormat {
    private final KnnVectorsFormat delegate = new Lucene99HnswVectorsFormat(MAX_CONNECTIONS, BEAM_WIDTH);

    WideHnswFormat() {
      super("Lucene99HnswVectorsFormat");
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
