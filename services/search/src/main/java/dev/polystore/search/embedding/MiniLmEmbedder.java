package dev.polystore.search.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.polystore.search.domain.Embedder;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantized), a small sentence-embedding model run in-process by ONNX Runtime.
 * The model ships inside a Maven artifact, so nothing is downloaded at run time. It is loaded on
 * first use (about a second); the search service warms it up before it reports SERVING.
 */
public final class MiniLmEmbedder implements Embedder {
  public static final int DIMENSION = 384;

  private volatile EmbeddingModel model;

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    return model().embedAll(segments).content().stream().map(Embedding::vector).toList();
  }

  private EmbeddingModel model() {
    EmbeddingModel loaded = model;
    if (loaded == null) {
      synchronized (this) {
        loaded = model;
        if (loaded == null) {
          loaded = new AllMiniLmL6V2QuantizedEmbeddingModel();
          model = loaded;
        }
      }
    }
    return loaded;
  }
}
