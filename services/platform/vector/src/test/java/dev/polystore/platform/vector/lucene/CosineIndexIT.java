package dev.polystore.platform.vector.lucene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes written before vectors were stored at unit length compare by cosine: the engine keeps
 * writing them that way (Lucene refuses a second similarity for a field), and their documents,
 * hits and listings stay what they were. Such an index was written with an HNSW graph (Lucene's
 * default codec here); the engine's flat segments join it and both are searched.
 */
class CosineIndexIT {
  @TempDir
  Path data;

  @Test
  void anIndexThatComparesByCosineKeepsDoingSo() throws IOException {
    Path namespace = data.resolve("old");
    try (Directory directory = FSDirectory.open(namespace);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      writer.addDocument(LuceneDocuments.toLucene(document("a", 3, 0), VectorSimilarityFunction.COSINE));
      writer.setLiveCommitData(LuceneSchemas.toCommitData(new NamespaceSchema(2, Map.of())).entrySet());
      writer.commit();
    }

    try (LuceneVectorStore store = new LuceneVectorStore(data)) {
      store.write("old", WriteBatch.upsert(List.of(document("b", 0, 2))));
      List<ScoredDocument> hits = store.query("old", new VectorQuery(new Ranking.Nearest(new float[] {1, 1}), null, 2, Map.of()));
      assertEquals(List.of(0.7071, 0.7071), hits.stream().map(hit -> Math.round(hit.score() * 1e4) / 1e4).toList());
      List<VectorDocument> listed = store.documents("old", null, 10);
      assertArrayEquals(new float[] {3, 0}, listed.get(0).vector());
      assertArrayEquals(new float[] {0, 2}, listed.get(1).vector());
    }

    try (Directory directory = FSDirectory.open(namespace); DirectoryReader reader = DirectoryReader.open(directory)) {
      assertEquals(2, reader.numDocs());
      assertEquals(VectorSimilarityFunction.COSINE,
          FieldInfos.getMergedFieldInfos(reader).fieldInfo(LuceneDocuments.VECTOR).getVectorSimilarityFunction());
    }
  }

  @Test
  void aNewIndexStoresUnitVectorsComparedByDotProduct() throws IOException {
    try (LuceneVectorStore store = new LuceneVectorStore(data)) {
      store.write("new", WriteBatch.upsert(List.of(document("a", 3, 4))));
      assertArrayEquals(new float[] {3, 4}, store.documents("new", null, 10).get(0).vector(), "the vector as written");
    }
    try (Directory directory = FSDirectory.open(data.resolve("new")); DirectoryReader reader = DirectoryReader.open(directory)) {
      assertEquals(VectorSimilarityFunction.DOT_PRODUCT,
          FieldInfos.getMergedFieldInfos(reader).fieldInfo(LuceneDocuments.VECTOR).getVectorSimilarityFunction());
      var vectors = reader.leaves().get(0).reader().getFloatVectorValues(LuceneDocuments.VECTOR);
      vectors.nextDoc();
      assertArrayEquals(new float[] {0.6f, 0.8f}, vectors.vectorValue(), 1e-6f, "the indexed copy has unit length");
    }
  }

  private static VectorDocument document(String id, float x, float y) {
    return new VectorDocument(id, new float[] {x, y}, "", Map.of());
  }
}
