package dev.polystore.search.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.Filter;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.SchemaConflictException;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import dev.polystore.search.domain.AttributeKind;
import dev.polystore.search.domain.AttributeValue;
import dev.polystore.search.domain.DocumentBatch;
import dev.polystore.search.domain.FilterOperator;
import dev.polystore.search.domain.IndexSchema;
import dev.polystore.search.domain.IndexedDocument;
import dev.polystore.search.domain.RankedQuery;
import dev.polystore.search.domain.SchemaConflict;
import dev.polystore.search.domain.ScoredHit;
import dev.polystore.search.domain.SearchFilter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping between the search domain and the vector binding keeps every value, kind and operator. */
class VectorMappingTest {
  private static dev.polystore.platform.vector.AttributeValue bound(String value) {
    return dev.polystore.platform.vector.AttributeValue.of(value);
  }

  @Test
  void filterTreeKeepsItsShapeAttributesOperatorsAndValues() {
    SearchFilter domain = new SearchFilter.AllOf(List.of(
        new SearchFilter.Comparison("color", FilterOperator.IN, List.of(AttributeValue.of("red"), AttributeValue.of("blue"))),
        new SearchFilter.AnyOf(List.of(
            new SearchFilter.Comparison("size", FilterOperator.GTE, List.of(AttributeValue.of(3L))),
            new SearchFilter.Comparison("weight", FilterOperator.LT, List.of(AttributeValue.of(2.5))))),
        new SearchFilter.Not(new SearchFilter.Comparison("done", FilterOperator.EQ, List.of(AttributeValue.of(true))))));

    Filter expected = new Filter.All(List.of(
        new Filter.Comparison("color", Filter.Operator.IN, List.of(bound("red"), bound("blue"))),
        new Filter.Any(List.of(
            new Filter.Comparison("size", Filter.Operator.GTE,
                List.of(dev.polystore.platform.vector.AttributeValue.of(3L))),
            new Filter.Comparison("weight", Filter.Operator.LT,
                List.of(dev.polystore.platform.vector.AttributeValue.of(2.5))))),
        new Filter.Not(new Filter.Comparison("done", Filter.Operator.EQ,
            List.of(dev.polystore.platform.vector.AttributeValue.of(true))))));

    assertEquals(expected, VectorMapping.filter(domain));
  }

  @Test
  void everyOperatorMapsToItsNamesake() {
    Map<FilterOperator, Filter.Operator> expected = new EnumMap<>(Map.of(
        FilterOperator.EQ, Filter.Operator.EQ, FilterOperator.NOT_EQ, Filter.Operator.NOT_EQ,
        FilterOperator.LT, Filter.Operator.LT, FilterOperator.LTE, Filter.Operator.LTE,
        FilterOperator.GT, Filter.Operator.GT, FilterOperator.GTE, Filter.Operator.GTE,
        FilterOperator.IN, Filter.Operator.IN, FilterOperator.NOT_IN, Filter.Operator.NOT_IN));
    assertEquals(List.of(FilterOperator.values()), List.copyOf(expected.keySet()));

    expected.forEach((domain, binding) -> {
      Filter mapped = VectorMapping.filter(new SearchFilter.Comparison("a", domain, List.of(AttributeValue.of("x"))));
      assertEquals(new Filter.Comparison("a", binding, List.of(bound("x"))), mapped, domain.name());
    });
  }

  @Test
  void scoredDocumentBecomesAHitWithEveryAttributeKind() {
    ScoredDocument document = new ScoredDocument("doc-1", 0.75, "some text", Map.of(
        "color", bound("red"),
        "size", dev.polystore.platform.vector.AttributeValue.of(7L),
        "weight", dev.polystore.platform.vector.AttributeValue.of(1.5),
        "done", dev.polystore.platform.vector.AttributeValue.of(false)));

    ScoredHit hit = VectorMapping.hit(document);

    assertEquals(new ScoredHit("doc-1", 0.75, "some text", Map.of(
        "color", AttributeValue.of("red"),
        "size", AttributeValue.of(7L),
        "weight", AttributeValue.of(1.5),
        "done", AttributeValue.of(false))), hit);
  }

  @Test
  void queryKeepsRankingTopKAndAttributeKinds() {
    float[] vector = {0.1f, 0.2f};
    Map<String, AttributeKind> kinds = Map.of("s", AttributeKind.STRING, "i", AttributeKind.INT,
        "f", AttributeKind.FLOAT, "b", AttributeKind.BOOL);
    Map<String, AttributeType> types = Map.of("s", AttributeType.STRING, "i", AttributeType.INT,
        "f", AttributeType.FLOAT, "b", AttributeType.BOOL);

    VectorQuery byVector = VectorMapping.query(
        new RankedQuery(new dev.polystore.search.domain.Ranking.ByVector(vector), null, 7, kinds));
    assertArrayEquals(vector, ((Ranking.Nearest) byVector.ranking()).vector());
    assertNull(byVector.filter());
    assertEquals(7, byVector.topK());
    assertEquals(types, byVector.attributes());

    SearchFilter filter = new SearchFilter.Comparison("s", FilterOperator.NOT_EQ, List.of(AttributeValue.of("x")));
    VectorQuery byText = VectorMapping.query(
        new RankedQuery(new dev.polystore.search.domain.Ranking.ByText("words"), filter, 3, Map.of()));
    assertEquals(new VectorQuery(new Ranking.FullText("words"), VectorMapping.filter(filter), 3, Map.of()), byText);
  }

  @Test
  void batchKeepsDocumentsAndDeletes() {
    float[] vector = {1f, 0f};
    WriteBatch upsert = VectorMapping.batch(DocumentBatch.upsert(List.of(
        new IndexedDocument("d", vector, "text", Map.of("n", AttributeValue.of(2L))))));
    VectorDocument written = upsert.upserts().get(0);
    assertEquals("d", written.id());
    assertArrayEquals(vector, written.vector());
    assertEquals("text", written.text());
    assertEquals(Map.of("n", dev.polystore.platform.vector.AttributeValue.of(2L)), written.attributes());
    assertEquals(List.of(), upsert.deletes());

    assertEquals(WriteBatch.delete(List.of("x", "y")), VectorMapping.batch(DocumentBatch.delete(List.of("x", "y"))));
  }

  @Test
  void schemaAndConflictComeBackInTheDomainsWords() {
    NamespaceSchema schema = new NamespaceSchema(384, Map.of("s", AttributeType.STRING, "i", AttributeType.INT,
        "f", AttributeType.FLOAT, "b", AttributeType.BOOL));
    assertEquals(new IndexSchema(384, Map.of("s", AttributeKind.STRING, "i", AttributeKind.INT,
        "f", AttributeKind.FLOAT, "b", AttributeKind.BOOL)), VectorMapping.schema(schema));

    SchemaConflictException refused = new SchemaConflictException("document d has a vector of 3 dimensions");
    SchemaConflict conflict = VectorMapping.conflict(refused);
    assertEquals(refused.getMessage(), conflict.getMessage());
    assertSame(refused, conflict.getCause());
  }
}
