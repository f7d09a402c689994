package dev.polystore.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.WriteBatch;
import dev.polystore.platform.vector.lucene.LuceneVectorStore;
import dev.polystore.platform.vector.turbopuffer.LocalTurbopuffer;
import dev.polystore.platform.vector.turbopuffer.TurbopufferConfig;
import dev.polystore.platform.vector.turbopuffer.TurbopufferVectorStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vector migrate} and {@code vector validate} between the embedded engine and turbopuffer (the
 * LocalTurbopuffer fixture speaking turbopuffer's API) and back, through the tool's own entry point.
 */
class VectorMigrationIT {
  private static final String KEY = "migration-key";
  private static final String A = "polystore-ws-a";
  private static final String B = "polystore-ws-b";
  private static final String OUTSIDE = "elsewhere-1";
  private static final int A_DOCUMENTS = 1_203; // more than two pages of 500

  @TempDir
  static Path data;
  private static LocalTurbopuffer turbopuffer;

  @BeforeAll
  static void start() throws IOException {
    turbopuffer = LocalTurbopuffer.start(0, data.resolve("turbopuffer"), KEY);
  }

  @AfterAll
  static void stop() {
    turbopuffer.close();
  }

  private static Map<String, String> env(Path embedded, String apiKey) {
    Map<String, String> env = new HashMap<>();
    env.put("VECTOR_DATA_DIR", embedded.toString());
    env.put(TurbopufferConfig.BASE_URL, turbopuffer.baseUrl().toString());
    env.put(TurbopufferConfig.API_KEY, apiKey);
    env.put(TurbopufferConfig.MAX_ATTEMPTS, "2");
    return env;
  }

  /** The tool's exit code, stdout and stderr. */
  private record Run(int exit, String out, String err) {}

  private static Run admin(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = AdminMain.exitCode(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void withEmbedded(Path directory, Consumer<VectorStore> work) {
    try (LuceneVectorStore store = new LuceneVectorStore(directory)) {
      store.migrate();
      work.accept(store);
    }
  }

  private static VectorStore turbopufferClient() {
    return new TurbopufferVectorStore(turbopuffer.clientConfig(2));
  }

  private static VectorDocument document(int i) {
    float[] vector = {i + 1, (float) Math.sin(i), 1f / (i + 1), -0.125f * i};
    return new VectorDocument(String.format("doc-%04d", i), vector, i % 3 == 0 ? "" : "text of document " + i,
        Map.of("n", AttributeValue.of((long) i), "ratio", AttributeValue.of(i / 7.0),
            "even", AttributeValue.of(i % 2 == 0), "tag", AttributeValue.of("t" + (i % 5))));
  }

  private static void seed(VectorStore store) {
    List<VectorDocument> batch = new ArrayList<>();
    for (int i = 0; i < A_DOCUMENTS; i++) {
      batch.add(document(i));
      if (batch.size() == 100 || i == A_DOCUMENTS - 1) {
        store.write(A, WriteBatch.upsert(batch));
        batch = new ArrayList<>();
      }
    }
    store.write(B, WriteBatch.upsert(List.of(
        new VectorDocument("b-1", new float[] {1, 0, 0}, "only text", Map.of()),
        new VectorDocument("b-2", new float[] {0, 1, 0}, "", Map.of("tag", AttributeValue.of("x"))))));
    store.write(OUTSIDE, WriteBatch.upsert(List.of(new VectorDocument("o", new float[] {1, 1}, "", Map.of()))));
  }

  @Test
  void migratesToTurbopufferAndBackWithValidateCatchingEveryDifference() {
    Path embedded = data.resolve("embedded");
    withEmbedded(embedded, VectorMigrationIT::seed);
    Map<String, String> env = env(embedded, KEY);
    String[] toTurbopuffer = {"vector", "migrate", "--from", "embedded", "--to", "turbopuffer",
        "--namespace-prefix", "polystore-ws-"};
    String[] validate = {"vector", "validate", "--from", "embedded", "--to", "turbopuffer",
        "--namespace-prefix", "polystore-ws-", "--sample-every", "1"};

    Run migrated = admin(env, toTurbopuffer);
    assertEquals(0, migrated.exit(), migrated.err());
    assertTrue(migrated.out().contains("[vector migrate " + A + "] 1,203 documents"), migrated.out());
    assertTrue(migrated.out().contains("done: 1,205 documents in 2 namespaces"), migrated.out());
    try (VectorStore cloud = turbopufferClient()) {
      assertEquals(List.of(A, B), cloud.namespaces(""), "only the prefix's namespaces move");
    }
    Run valid = admin(env, validate);
    assertEquals(0, valid.exit(), valid.out() + valid.err());
    assertTrue(valid.out().contains("[vector validate " + A + "] 1,203 documents, the same ids on both sides, 1,203 compared whole"),
        valid.out());

    // A re-run upserts the same ids: nothing doubles.
    assertEquals(0, admin(env, toTurbopuffer).exit());
    try (VectorStore cloud = turbopufferClient()) {
      assertEquals(A_DOCUMENTS, cloud.approximateCount(A));

      VectorDocument changed = document(43);
      cloud.write(A, WriteBatch.upsert(List.of(new VectorDocument(changed.id(), changed.vector(), "edited",
          changed.attributes()))));
      Run differs = admin(env, validate);
      assertEquals(1, differs.exit(), differs.out());
      assertTrue(differs.err().contains("namespace " + A + " differs at id doc-0043: text is 'text of document 43' and 'edited'"),
          differs.err());

      cloud.write(A, WriteBatch.upsert(List.of(document(43))));
      cloud.write(B, WriteBatch.delete(List.of("b-1")));
      Run missing = admin(env, validate);
      assertEquals(1, missing.exit(), missing.out());
      assertTrue(missing.err().contains("namespace " + B + " differs at id b-1: missing in turbopuffer"), missing.err());
      cloud.write(B, WriteBatch.upsert(List.of(new VectorDocument("b-1", new float[] {1, 0, 0}, "only text", Map.of()))));
    }

    // And back, into an empty embedded engine.
    Path back = data.resolve("embedded-back");
    Map<String, String> backEnv = env(back, KEY);
    Run returned = admin(backEnv, "vector", "migrate", "--from", "turbopuffer", "--to", "embedded",
        "--namespace-prefix", "polystore-ws-", "--page-size", "400");
    assertEquals(0, returned.exit(), returned.err());
    Run validBack = admin(backEnv, "vector", "validate", "--from", "turbopuffer", "--to", "embedded",
        "--sample-every", "1");
    assertEquals(0, validBack.exit(), validBack.out() + validBack.err());
    withEmbedded(back, store -> assertEquals(List.of(A, B), store.namespaces("")));
  }

  @Test
  void aFailedMigrationExitsNonZeroNamingTheNamespace() {
    Path embedded = data.resolve("embedded-refused");
    withEmbedded(embedded, store -> store.write(A, WriteBatch.upsert(List.of(document(1)))));

    Run refused = admin(env(embedded, "not-the-key"), "vector", "migrate", "--from", "embedded", "--to", "turbopuffer");

    assertEquals(1, refused.exit(), refused.out());
    assertTrue(refused.err().contains("vector migrate: namespace " + A + " failed after no documents"), refused.err());
    assertTrue(refused.err().contains("401"), refused.err());
  }
}
