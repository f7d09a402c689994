package dev.polystore.platform.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VectorStore} does, whatever its backend: the embedded engine and the turbopuffer
 * client (against {@code LocalTurbopuffer}) each run this suite through a subclass.
 */
public abstract class VectorStoreConformance {
  private final String namespace = "conformance-" + UUID.randomUUID();
  private final String other = "conformance-" + UUID.randomUUID();

  /** The store under test, ready (migrated). */
  protected abstract VectorStore store();

  @AfterEach
  void deleteNamespaces() {
    store().deleteNamespace(namespace);
    store().deleteNamespace(other);
  }

  private static VectorDocument doc(String id, float[] vector, String text, Map<String, AttributeValue> attributes) {
    return new VectorDocument(id, vector, text, attributes);
  }

  private static float[] v(float... components) {
    return components;
  }

  private List<String> nearest(float[] vector, Filter filter, int topK) {
    return ids(store().query(namespace, new VectorQuery(new Ranking.Nearest(vector), filter, topK, Map.of())));
  }

  private static List<String> ids(List<ScoredDocument> hits) {
    return hits.stream().map(ScoredDocument::id).toList();
  }

  @Test
  void aNamespaceThatWasNeverWrittenHasNoSchemaAndNoHits() {
    assertTrue(store().schema(namespace).isEmpty());
    assertEquals(List.of(), nearest(v(1, 0, 0), null, 10));
    assertEquals(List.of(), store().query(namespace, new VectorQuery(new Ranking.FullText("anything"), null, 10, Map.of())));
  }

  @Test
  void theFirstWriteFixesTheDimensionAndLaterWritesAddAttributes() {
    store().write(namespace, WriteBatch.upsert(List.of(doc("a", v(1, 0, 0), "", Map.of("color", AttributeValue.of("red"))))));
    assertEquals(new NamespaceSchema(3, Map.of("color", AttributeType.STRING)), store().schema(namespace).orElseThrow());

    store().write(namespace, WriteBatch.upsert(List.of(doc("b", v(0, 1, 0), "", Map.of(
        "size", AttributeValue.of(3L), "price", AttributeValue.of(2.5), "active", AttributeValue.of(true))))));
    assertEquals(new NamespaceSchema(3, Map.of("color", AttributeType.STRING, "size", AttributeType.INT,
        "price", AttributeType.FLOAT, "active", AttributeType.BOOL)), store().schema(namespace).orElseThrow());
  }

  @Test
  void nearestNeighboursComeClosestFirstWithCosineSimilarity() {
    store().write(namespace, WriteBatch.upsert(List.of(
        doc("far", v(0, 1, 0), "", Map.of()),
        doc("near", v(1, 0.1f, 0), "", Map.of()),
        doc("same", v(2, 0, 0), "", Map.of()),
        doc("opposite", v(-1, 0, 0), "", Map.of()))));

    List<ScoredDocument> hits = store().query(namespace,
        new VectorQuery(new Ranking.Nearest(v(1, 0, 0)), null, 3, Map.of()));

    assertEquals(List.of("same", "near", "far"), ids(hits));
    assertEquals(1.0, hits.get(0).score(), 1e-4, "cosine similarity of parallel vectors");
    assertEquals(0.0, hits.get(2).score(), 1e-4, "cosine similarity of orthogonal vectors");
  }

  @Test
  void aQueryVectorsLengthDoesNotChangeItsScores() {
    store().write(namespace, WriteBatch.upsert(List.of(
        doc("same", v(2, 0, 0), "", Map.of()),
        doc("diagonal", v(1, 1, 0), "", Map.of()))));

    List<ScoredDocument> hits = store().query(namespace,
        new VectorQuery(new Ranking.Nearest(v(5, 0, 0)), null, 2, Map.of()));

    assertEquals(List.of("same", "diagonal"), ids(hits));
    assertEquals(1.0, hits.get(0).score(), 1e-4, "cosine similarity, not the query's length times it");
    assertEquals(Math.sqrt(0.5), hits.get(1).score(), 1e-4);
  }

  @Test
  void anUpsertReplacesTheWholeDocument() {
    store().write(namespace, WriteBatch.upsert(List.of(
        doc("a", v(1, 0, 0), "first version", Map.of("color", AttributeValue.of("red"))))));
    store().write(namespace, WriteBatch.upsert(List.of(doc("a", v(0, 0, 1), "second version", Map.of()))));

    List<ScoredDocument> hits = store().query(namespace,
        new VectorQuery(new Ranking.Nearest(v(0, 0, 1)), null, 10, Map.of("color", AttributeType.STRING)));

    assertEquals(1, hits.size());
    assertEquals("second version", hits.get(0).text());
    assertEquals(Map.of(), hits.get(0).attributes());
    assertEquals(1.0, hits.get(0).score(), 1e-4);
  }

  @Test
  void deletedDocumentsAreGoneAndUnknownIdsAreIgnored() {
    store().write(namespace, WriteBatch.upsert(List.of(
        doc("a", v(1, 0, 0), "", Map.of()), doc("b", v(0, 1, 0), "", Map.of()))));

    store().write(namespace, WriteBatch.delete(List.of("a", "never-written")));

    assertEquals(List.of("b"), nearest(v(1, 0, 0), null, 10));
  }

  @Test
  void fullTextRanksByBm25AndSkipsDocumentsWithoutTheTerms() {
    store().write(namespace, WriteBatch.upsert(List.of(
        doc("fox", v(1, 0, 0), "The quick brown fox jumps over the lazy dog", Map.of()),
        doc("foxes", v(0, 1, 0), "Fox, fox, fox: a fox den", Map.of()),
        doc("cat", v(0, 0, 1), "A cat sleeps", Map.of()))));

    List<ScoredDocument> hits = store().query(namespace,
        new VectorQuery(new Ranking.FullText("FOX"), null, 10, Map.of()));

    assertEquals(List.of("foxes", "fox"), ids(hits));
    assertTrue(hits.get(0).score() > hits.get(1).score() && hits.get(1).score() > 0);
    assertEquals("Fox, fox, fox: a fox den", hits.get(0).text());
  }

  /** turbopuffer's default full-text search removes English stop words: a query of them alone finds nothing. */
  @Test
  void fullTextIgnoresEnglishStopWords() {
    store().write(namespace, WriteBatch.upsert(List.of(
        doc("fox", v(1, 0, 0), "The fox is in the den", Map.of()),
        doc("cat", v(0, 1, 0), "A cat", Map.of()))));

    assertEquals(List.of(), fullText("the is in a"));
    assertEquals(List.of("fox"), fullText("the fox"));
  }

  /** ... and does not stem: a word matches itself (in any case), not its other forms. */
  @Test
  void fullTextMatchesWordsWithoutStemming() {
    store().write(namespace, WriteBatch.upsert(List.of(
        doc("jumps", v(1, 0, 0), "Jumps", Map.of()),
        doc("jumping", v(0, 1, 0), "jumping", Map.of()))));

    assertEquals(List.of("jumps"), fullText("JUMPS"));
    assertEquals(List.of(), fullText("jump"));
  }

  /** ... and drops tokens longer than 39 bytes, in documents and queries alike. */
  @Test
  void fullTextDropsTokensLongerThan39Bytes() {
    String longest = "a".repeat(39);
    String tooLong = "b".repeat(40);
    store().write(namespace, WriteBatch.upsert(List.of(
        doc("longest", v(1, 0, 0), longest, Map.of()),
        doc("too-long", v(0, 1, 0), tooLong, Map.of()))));

    assertEquals(List.of("longest"), fullText(longest));
    assertEquals(List.of(), fullText(tooLong));
  }

  private List<String> fullText(String text) {
    return ids(store().query(namespace, new VectorQuery(new Ranking.FullText(text), null, 10, Map.of())));
  }

  @Test
  void textAndAttributesComeBackWithTheirTypes() {
    Map<String, AttributeValue> attributes = Map.of("color", AttributeValue.of("red"), "size", AttributeValue.of(-7L),
        "price", AttributeValue.of(9.75), "active", AttributeValue.of(false));
    store().write(namespace, WriteBatch.upsert(List.of(doc("a", v(1, 0, 0), "hello", attributes))));

    Map<String, AttributeType> all = store().schema(namespace).orElseThrow().attributes();
    ScoredDocument hit = store().query(namespace, new VectorQuery(new Ranking.Nearest(v(1, 0, 0)), null, 1, all)).get(0);

    assertEquals("hello", hit.text());
    assertEquals(attributes, hit.attributes());
  }

  @Test
  void topKLimitsTheHits() {
    store().write(namespace, WriteBatch.upsert(List.of(
        doc("a", v(1, 0, 0), "", Map.of()), doc("b", v(1, 1, 0), "", Map.of()), doc("c", v(0, 1, 0), "", Map.of()))));

    assertEquals(List.of("a", "b"), nearest(v(1, 0, 0), null, 2));
  }

  @Test
  void namespacesDoNotSeeEachOther() {
    store().write(namespace, WriteBatch.upsert(List.of(doc("mine", v(1, 0, 0), "shared words", Map.of()))));
    store().write(other, WriteBatch.upsert(List.of(doc("theirs", v(1, 0, 0), "shared words", Map.of()))));

    assertEquals(List.of("mine"), nearest(v(1, 0, 0), null, 10));
    assertEquals(List.of("mine"), ids(store().query(namespace,
        new VectorQuery(new Ranking.FullText("shared"), null, 10, Map.of()))));
  }

  @Test
  void deletingANamespaceDeletesItsDocumentsAndSchema() {
    store().write(namespace, WriteBatch.upsert(List.of(doc("a", v(1, 0, 0), "", Map.of()))));

    store().deleteNamespace(namespace);

    assertTrue(store().schema(namespace).isEmpty());
    assertEquals(List.of(), nearest(v(1, 0, 0), null, 10));
    store().deleteNamespace(namespace); // deleting again is a no-op
  }

  @Test
  void filtersMatchLikeTurbopuffers() {
    store().write(namespace, WriteBatch.upsert(List.of(
        doc("d1", v(1, 0, 0), "", attrs("red", 1, 1.5, true)),
        doc("d2", v(1, 0.1f, 0), "", attrs("green", 2, 2.5, false)),
        doc("d3", v(1, 0.2f, 0), "", attrs("blue", 3, 3.5, true)),
        doc("d4", v(1, 0.3f, 0), "", attrs("red", 4, 4.5, false)),
        doc("bare", v(1, 0.4f, 0), "", Map.of()))));

    assertMatches(Set.of("d1", "d4"), eq("color", AttributeValue.of("red")));
    assertMatches(Set.of("d2", "d3", "bare"), cmp("color", Filter.Operator.NOT_EQ, AttributeValue.of("red")));
    assertMatches(Set.of("d1", "d3"), eq("active", AttributeValue.of(true)));
    assertMatches(Set.of("d3"), eq("price", AttributeValue.of(3.5)));
    assertMatches(Set.of("d1", "d2"), cmp("size", Filter.Operator.LT, AttributeValue.of(3L)));
    assertMatches(Set.of("d1", "d2", "d3"), cmp("size", Filter.Operator.LTE, AttributeValue.of(3L)));
    assertMatches(Set.of("d4"), cmp("price", Filter.Operator.GT, AttributeValue.of(3.5)));
    assertMatches(Set.of("d3", "d4"), cmp("price", Filter.Operator.GTE, AttributeValue.of(3.5)));
    assertMatches(Set.of("d1", "d2", "d4"), cmp("color", Filter.Operator.GT, AttributeValue.of("blue")));
    assertMatches(Set.of("d3"), cmp("color", Filter.Operator.LT, AttributeValue.of("green")));
    assertMatches(Set.of("d2", "d3"), new Filter.Comparison("size", Filter.Operator.IN,
        List.of(AttributeValue.of(2L), AttributeValue.of(3L), AttributeValue.of(99L))));
    assertMatches(Set.of("d1", "d4", "bare"), new Filter.Comparison("color", Filter.Operator.NOT_IN,
        List.of(AttributeValue.of("green"), AttributeValue.of("blue"))));
    assertMatches(Set.of("d4"), new Filter.All(List.of(
        eq("color", AttributeValue.of("red")), eq("active", AttributeValue.of(false)))));
    assertMatches(Set.of("d1", "d2", "d4"), new Filter.Any(List.of(
        eq("color", AttributeValue.of("red")), cmp("size", Filter.Operator.LTE, AttributeValue.of(2L)))));
    assertMatches(Set.of("d2", "d3", "bare"), new Filter.Not(eq("color", AttributeValue.of("red"))));
  }

  @Test
  void fullTextHonoursFilters() {
    store().write(namespace, WriteBatch.upsert(List.of(
        doc("red", v(1, 0, 0), "apple pie", attrs("red", 1, 1, true)),
        doc("green", v(0, 1, 0), "apple tart", attrs("green", 2, 2, true)))));

    assertEquals(List.of("green"), ids(store().query(namespace, new VectorQuery(new Ranking.FullText("apple"),
        eq("color", AttributeValue.of("green")), 10, Map.of()))));
  }

  private static Map<String, AttributeValue> attrs(String color, long size, double price, boolean active) {
    return Map.of("color", AttributeValue.of(color), "size", AttributeValue.of(size),
        "price", AttributeValue.of(price), "active", AttributeValue.of(active));
  }

  private static Filter eq(String attribute, AttributeValue value) {
    return cmp(attribute, Filter.Operator.EQ, value);
  }

  private static Filter cmp(String attribute, Filter.Operator operator, AttributeValue value) {
    return new Filter.Comparison(attribute, operator, List.of(value));
  }

  private void assertMatches(Set<String> expected, Filter filter) {
    Set<String> actual = nearest(v(1, 0, 0), filter, 100).stream().collect(Collectors.toSet());
    assertEquals(expected, actual, "filter " + filter);
  }

  @Test
  void namespacesAreListedByPrefixOnceWritten() {
    String prefix = "conformance-list-" + UUID.randomUUID() + "-";
    List<String> names = List.of(prefix + "b", prefix + "a", prefix + "c");
    try {
      for (String name : names) {
        store().write(name, WriteBatch.upsert(List.of(doc("x", v(1, 0, 0), "", Map.of()))));
      }
      store().deleteNamespace(prefix + "c");

      assertEquals(List.of(prefix + "a", prefix + "b"), store().namespaces(prefix));
      assertEquals(List.of(), store().namespaces(prefix + "z"));
      assertTrue(store().namespaces("").containsAll(List.of(prefix + "a", prefix + "b")));
    } finally {
      names.forEach(store()::deleteNamespace);
    }
  }

  @Test
  void documentsArePagedWholeInIdOrder() {
    VectorDocument a10 = doc("a10", v(0.25f, -1.5f, 3.0e-7f), "first text", attrs("red", -4, 0.1, true));
    VectorDocument a2 = doc("a2", v(1, 2, 3), "", Map.of("color", AttributeValue.of("blue")));
    VectorDocument b = doc("b", v(0, 0, 1), "third", Map.of());
    VectorDocument d1 = doc("d1", v(1, 1, 1), "", attrs("green", 7, 2.5, false));
    VectorDocument d3 = doc("d3", v(-1, 0, 0), "last", Map.of());
    store().write(namespace, WriteBatch.upsert(List.of(d3, d1, b, a2, a10)));
    store().write(namespace, WriteBatch.upsert(List.of(doc("gone", v(1, 0, 0), "", Map.of()))));
    store().write(namespace, WriteBatch.delete(List.of("gone")));
    VectorDocument b2 = doc("b", v(0, 1, 1), "third, again", Map.of("size", AttributeValue.of(9L)));
    store().write(namespace, WriteBatch.upsert(List.of(b2)));

    List<VectorDocument> walked = new java.util.ArrayList<>();
    List<Integer> pageSizes = new java.util.ArrayList<>();
    String after = null;
    while (true) {
      List<VectorDocument> page = store().documents(namespace, after, 2);
      pageSizes.add(page.size());
      walked.addAll(page);
      if (page.size() < 2) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }

    assertEquals(List.of(2, 2, 1), pageSizes);
    assertEquals(List.of(a10, a2, b2, d1, d3).stream().map(VectorStoreConformance::describe).toList(),
        walked.stream().map(VectorStoreConformance::describe).toList());
    assertEquals(List.of("d1", "d3"), store().documents(namespace, "c", 10).stream().map(VectorDocument::id).toList());
    assertEquals(List.of(), store().documents(other, null, 10), "a namespace never written has no documents");
  }

  /** A document as comparable text: records with arrays compare by identity. */
  private static String describe(VectorDocument document) {
    return document.id() + " " + java.util.Arrays.toString(document.vector()) + " '" + document.text() + "' "
        + new java.util.TreeMap<>(document.attributes());
  }
}
