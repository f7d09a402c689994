package dev.polystore.platform.vector.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.SchemaConflictException;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded engine keeps every acknowledged write across restarts and crashes, and applies a write whole or not at all. */
class LuceneDurabilityIT {
  @TempDir
  Path data;

  @Test
  void documentsAndSchemaSurviveARestart() {
    try (LuceneVectorStore store = new LuceneVectorStore(data)) {
      store.migrate();
      store.write("ns", WriteBatch.upsert(List.of(
          new VectorDocument("a", new float[] {1, 0}, "kept text", Map.of("n", AttributeValue.of(1L))))));
    }

    try (LuceneVectorStore reopened = new LuceneVectorStore(data)) {
      reopened.migrate();
      assertEquals(new NamespaceSchema(2, Map.of("n", AttributeType.INT)), reopened.schema("ns").orElseThrow());
      List<ScoredDocument> hits = reopened.query("ns",
          new VectorQuery(new Ranking.FullText("kept"), null, 10, Map.of("n", AttributeType.INT)));
      assertEquals(1, hits.size());
      assertEquals(Map.of("n", AttributeValue.of(1L)), hits.get(0).attributes());
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesAProcessThatDiesWithoutClosing() throws Exception {
    Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), data.toString(), "20")
        .redirectErrorStream(true)
        .start();
    Set<String> acknowledged = new HashSet<>();
    List<String> output = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.add(line);
        if (line.startsWith("ack ")) {
          acknowledged.add(line.substring(4));
        }
      }
    }
    assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
    assertEquals(20, acknowledged.size(), () -> "writer output: " + output);

    try (LuceneVectorStore reopened = new LuceneVectorStore(data)) {
      List<ScoredDocument> hits = reopened.query("crash",
          new VectorQuery(new Ranking.Nearest(new float[] {1, 1}), null, 100, Map.of()));
      Set<String> found = new HashSet<>();
      hits.forEach(hit -> found.add(hit.id()));
      assertEquals(acknowledged, found);
    }
  }

  @Test
  void aBatchWithABadDocumentWritesNothing() {
    try (LuceneVectorStore store = new LuceneVectorStore(data)) {
      store.migrate();
      store.write("ns", WriteBatch.upsert(List.of(new VectorDocument("first", new float[] {1, 0}, "", Map.of()))));

      assertThrows(IllegalArgumentException.class, () -> store.write("ns", WriteBatch.upsert(List.of(
          new VectorDocument("good", new float[] {0, 1}, "", Map.of()),
          new VectorDocument("zero", new float[] {0, 0}, "", Map.of())))));
      assertThrows(SchemaConflictException.class, () -> store.write("ns", WriteBatch.upsert(List.of(
          new VectorDocument("good", new float[] {0, 1}, "", Map.of()),
          new VectorDocument("wide", new float[] {0, 1, 0}, "", Map.of())))));
      assertThrows(SchemaConflictException.class, () -> store.write("ns", WriteBatch.upsert(List.of(
          new VectorDocument("good", new float[] {0, 1}, "", Map.of("n", AttributeValue.of(1L))),
          new VectorDocument("typed", new float[] {0, 1}, "", Map.of("n", AttributeValue.of("one")))))));

      List<ScoredDocument> hits = store.query("ns", new VectorQuery(new Ranking.Nearest(new float[] {0, 1}), null, 10, Map.of()));
      assertEquals(List.of("first"), hits.stream().map(ScoredDocument::id).toList());
      assertEquals(new NamespaceSchema(2, Map.of()), store.schema("ns").orElseThrow());
    }
  }

  /** Writes documents one by one, prints "ack ID" after each write returns, then halts without closing anything. */
  public static final class CrashingWriter {
    public static void main(String[] args) {
      LuceneVectorStore store = new LuceneVectorStore(Path.of(args[0]));
      store.migrate();
      int count = Integer.parseInt(args[1]);
      for (int i = 0; i < count; i++) {
        store.write("crash", WriteBatch.upsert(List.of(new VectorDocument("doc-" + i, new float[] {1, i + 1}, "", Map.of()))));
        System.out.println("ack doc-" + i);
        System.out.flush();
      }
      Runtime.getRuntime().halt(0);
    }
  }
}
