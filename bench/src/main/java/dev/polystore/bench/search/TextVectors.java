package dev.polystore.bench.search;

import dev.polystore.search.embedding.MiniLmEmbedder;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Embeddings of {@link GeneratedTexts} by the search service's own in-process model (MiniLM, 384
 * dimensions). Embedding 100,000 messages takes minutes on two cores, so the vectors are kept in
 * the system's temporary directory and read back on the next run with the same count and seed.
 */
final class TextVectors {
  private static final int BATCH = 256;

  private TextVectors() {}

  static List<float[]> generate(int count, long seed) throws IOException {
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "polystore-bench-minilm-" + count + "-" + seed + ".bin");
    if (Files.exists(cache)) {
      return read(cache, count);
    }
    List<String> texts = GeneratedTexts.generate(count, seed);
    MiniLmEmbedder embedder = new MiniLmEmbedder();
    List<float[]> vectors = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int from = 0; from < count; from += BATCH) {
      vectors.addAll(embedder.embed(texts.subList(from, Math.min(count, from + BATCH))));
      if ((from / BATCH) % 40 == 0 || vectors.size() == count) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "embedded %d of %d messages (%.0f/s)%n", vectors.size(), count, vectors.size() / seconds);
      }
    }
    write(cache, vectors);
    return vectors;
  }

  private static List<float[]> read(Path cache, int count) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(cache))) {
      List<float[]> vectors = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        float[] vector = new float[MiniLmEmbedder.DIMENSION];
        for (int d = 0; d < vector.length; d++) {
          vector[d] = in.readFloat();
        }
        vectors.add(vector);
      }
      return vectors;
    }
  }

  /** Written to a temporary file and moved into place, so an interrupted run leaves no half cache. */
  private static void write(Path cache, List<float[]> vectors) throws IOException {
    Path partial = Files.createTempFile(cache.getParent(), "polystore-bench-minilm", ".part");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
      for (float[] vector : vectors) {
        for (float component : vector) {
          out.writeFloat(component);
        }
      }
    }
    Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
