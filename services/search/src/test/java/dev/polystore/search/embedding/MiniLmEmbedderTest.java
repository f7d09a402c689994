package dev.polystore.search.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The model ships in the jar and runs here on Java 17, with no download. */
class MiniLmEmbedderTest {
  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void similarSentencesGetCloserVectorsThanUnrelatedOnes() {
    MiniLmEmbedder embedder = new MiniLmEmbedder();

    List<float[]> vectors = embedder.embed(List.of(
        "A cat is sleeping on the sofa", "The kitten naps on the couch", "Quarterly revenue grew by ten percent"));

    assertEquals(3, vectors.size());
    vectors.forEach(v -> assertEquals(MiniLmEmbedder.DIMENSION, v.length));
    assertTrue(cosine(vectors.get(0), vectors.get(1)) > cosine(vectors.get(0), vectors.get(2)) + 0.2);
  }
}
