package dev.polystore.platform.vector.turbopuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.AttributeValue;
import dev.polystore.platform.vector.Filter;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.Ranking;
import dev.polystore.platform.vector.ScoredDocument;
import dev.polystore.platform.vector.VectorDocument;
import dev.polystore.platform.vector.VectorQuery;
import dev.polystore.platform.vector.WriteBatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The JSON we send and read has the shapes of turbopuffer's v2 API documentation. */
class TurbopufferCodecTest {
  private static JsonNode json(String text) {
    return TurbopufferHttp.JSON.readTree(text.replace('\'', '"'));
  }

  /** Parsed back from its text, so that numbers compare by value whatever node type built them. */
  private static JsonNode wire(JsonNode built) {
    return TurbopufferHttp.JSON.readTree(built.toString());
  }

  @Test
  void aWriteCarriesRowsDeletesTheMetricAndTheSchema() {
    VectorDocument document = new VectorDocument("doc-1", new float[] {0.5f, 1f}, "hello world",
        Map.of("color", AttributeValue.of("red")));
    WriteBatch batch = new WriteBatch(List.of(document), List.of("old"));

    JsonNode body = TurbopufferCodec.writeBody(batch, NamespaceSchema.extend(null, batch.upserts()));

    assertEquals(json("""
        {'upsert_rows': [{'id': 'doc-1', 'vector': [0.5, 1.0], 'text': 'hello world', 'color': 'red'}],
         'distance_metric': 'cosine_distance',
         'schema': {'vector': {'type': '[2]f32', 'ann': true},
                    'text': {'type': 'string', 'full_text_search': true},
                    'color': {'type': 'string', 'filterable': true}},
         'deletes': ['old']}"""), wire(body));
  }

  @Test
  void aDeleteOnlyWriteCarriesNoSchema() {
    assertEquals(json("{'deletes': ['a', 'b']}"), wire(TurbopufferCodec.writeBody(WriteBatch.delete(List.of("a", "b")), null)));
  }

  @Test
  void anAnnQueryRanksByTheVectorWithStrongConsistency() {
    VectorQuery query = new VectorQuery(new Ranking.Nearest(new float[] {1f, 0f}), null, 5,
        Map.of("size", AttributeType.INT, "color", AttributeType.STRING));

    assertEquals(json("""
        {'rank_by': ['vector', 'ANN', [1.0, 0.0]], 'limit': 5,
         'include_attributes': ['text', 'color', 'size'], 'consistency': {'level': 'strong'}}"""),
        wire(TurbopufferCodec.queryBody(query)));
  }

  @Test
  void aFullTextQueryRanksByBm25WithFilters() {
    Filter filter = new Filter.All(List.of(
        new Filter.Comparison("color", Filter.Operator.IN, List.of(AttributeValue.of("red"), AttributeValue.of("blue"))),
        new Filter.Not(new Filter.Any(List.of(
            new Filter.Comparison("size", Filter.Operator.GTE, List.of(AttributeValue.of(3L))),
            new Filter.Comparison("active", Filter.Operator.EQ, List.of(AttributeValue.of(true))))))));
    VectorQuery query = new VectorQuery(new Ranking.FullText("fox jumping"), filter, 10, Map.of());

    assertEquals(json("""
        {'rank_by': ['text', 'BM25', 'fox jumping'], 'limit': 10,
         'filters': ['And', [['color', 'In', ['red', 'blue']],
                             ['Not', ['Or', [['size', 'Gte', 3], ['active', 'Eq', true]]]]]],
         'include_attributes': ['text'], 'consistency': {'level': 'strong'}}"""),
        wire(TurbopufferCodec.queryBody(query)));
  }

  @Test
  void rowsBecomeHitsWithSimilarityForAnnAndScoreForBm25() {
    JsonNode answer = json("""
        {'rows': [{'id': 'a', '$dist': 0.25, 'text': 't', 'size': 3, 'price': 2.5, 'gone': null}],
         'billing': {}, 'performance': {}}""");
    Map<String, AttributeType> attributes = Map.of("size", AttributeType.INT, "price", AttributeType.FLOAT,
        "gone", AttributeType.STRING);

    List<ScoredDocument> ann = TurbopufferCodec.hits(answer,
        new VectorQuery(new Ranking.Nearest(new float[] {1}), null, 1, attributes));
    List<ScoredDocument> bm25 = TurbopufferCodec.hits(answer,
        new VectorQuery(new Ranking.FullText("t"), null, 1, attributes));

    assertEquals(new ScoredDocument("a", 0.75, "t", Map.of("size", AttributeValue.of(3L), "price", AttributeValue.of(2.5))),
        ann.get(0));
    assertEquals(0.25, bm25.get(0).score());
  }

  @Test
  void theNamespaceSchemaGivesTheDimensionAndAttributeTypes() {
    JsonNode answer = json("""
        {'id': {'type': 'string'}, 'vector': {'type': '[384]f32', 'ann': true},
         'text': {'type': 'string', 'full_text_search': {'language': 'english'}},
         'color': {'type': 'string'}, 'n': {'type': 'uint'}, 'when': {'type': 'datetime'}}""");

    assertEquals(Optional.of(new NamespaceSchema(384, Map.of("color", AttributeType.STRING, "n", AttributeType.INT))),
        TurbopufferCodec.namespaceSchema(answer));
  }
}
