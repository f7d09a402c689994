package dev.polystore.search;

import static dev.polystore.search.Requests.compare;
import static dev.polystore.search.Requests.ids;
import static dev.polystore.search.Requests.integer;
import static dev.polystore.search.Requests.string;
import static dev.polystore.search.Requests.text;
import static dev.polystore.search.Requests.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.vector.lucene.LuceneVectorStore;
import dev.polystore.search.v1.DeleteDocumentsRequest;
import dev.polystore.search.v1.Document;
import dev.polystore.search.v1.Filter;
import dev.polystore.search.v1.FilterList;
import dev.polystore.search.v1.Operator;
import dev.polystore.search.v1.QueryMode;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.QueryResponse;
import dev.polystore.search.v1.UpsertDocumentsRequest;
import dev.polystore.search.v1.UpsertDocumentsResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SearchService end to end on the embedded engine, over a real gRPC channel. */
class SearchServiceIT {
  @TempDir
  static Path data;
  private static SearchServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = SearchServer.startServing(new LuceneVectorStore(data));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String workspace() {
    return UUID.randomUUID().toString();
  }

  private static UpsertDocumentsResponse upsert(String workspace, Document... documents) {
    return server.search().upsertDocuments(UpsertDocumentsRequest.newBuilder()
        .setWorkspaceId(workspace).addAllDocuments(List.of(documents)).build());
  }

  private static QueryResponse query(String workspace, String text, QueryMode mode) {
    return server.search().query(QueryRequest.newBuilder()
        .setWorkspaceId(workspace).setText(text).setMode(mode).build());
  }

  private static String animals() {
    String workspace = workspace();
    UpsertDocumentsResponse response = upsert(workspace,
        text("cat", "The cat sat on the mat and purred"),
        text("kitten", "A small kitten chases a ball of yarn"),
        text("dog", "Dogs are loyal companions that love long walks"),
        text("stocks", "Stock markets fell sharply as interest rates rose"));
    assertEquals(4, response.getUpsertedCount());
    assertEquals(384, response.getDimension(), "texts are embedded with all-MiniLM-L6-v2");
    return workspace;
  }

  @Test
  void textIsEmbeddedSoVectorQueriesFindMeaningNotJustWords() {
    String workspace = animals();

    QueryResponse response = query(workspace, "feline pets", QueryMode.QUERY_MODE_VECTOR);

    assertEquals(QueryMode.QUERY_MODE_VECTOR, response.getMode());
    assertTrue(Set.of("cat", "kitten").contains(response.getHits(0).getId()), ids(response).toString());
    assertEquals("stocks", response.getHits(3).getId());
    assertTrue(response.getHits(0).getScore() > response.getHits(3).getScore());
  }

  @Test
  void fullTextFindsDocumentsWithTheWordsOnly() {
    String workspace = animals();

    QueryResponse response = query(workspace, "yarn", QueryMode.QUERY_MODE_FULL_TEXT);

    assertEquals(List.of("kitten"), ids(response));
    assertEquals("A small kitten chases a ball of yarn", response.getHits(0).getText());
  }

  @Test
  void hybridFusesBothRankingsAndIsTheDefaultForText() {
    String workspace = animals();

    QueryResponse response = query(workspace, "dogs walking", QueryMode.QUERY_MODE_UNSPECIFIED);

    assertEquals(QueryMode.QUERY_MODE_HYBRID, response.getMode());
    assertEquals("dog", response.getHits(0).getId());
    assertEquals(4, response.getHitsCount(), "the vector ranking brings every document");
    // Ranked first by both rankings: 1/61 + 1/61.
    assertEquals(2.0 / 61, response.getHits(0).getScore(), 1e-9);
  }

  @Test
  void callersMayBringTheirOwnVectorsAndFilterOnAttributes() {
    String workspace = workspace();
    UpsertDocumentsResponse response = upsert(workspace,
        vector("a", 1, 0, 0).toBuilder().putAttributes("color", string("red")).putAttributes("size", integer(1)).build(),
        vector("b", 1, 0.2f, 0).toBuilder().putAttributes("color", string("blue")).putAttributes("size", integer(2)).build(),
        vector("c", 0, 1, 0).toBuilder().putAttributes("color", string("red")).putAttributes("size", integer(3)).build());
    assertEquals(3, response.getDimension());

    QueryRequest.Builder query = QueryRequest.newBuilder().setWorkspaceId(workspace).addAllVector(List.of(1f, 0f, 0f));
    assertEquals(List.of("a", "b", "c"), ids(server.search().query(query.build())));
    assertEquals(List.of("a", "c"), ids(server.search().query(query.clone()
        .setFilter(compare("color", Operator.OPERATOR_EQ, string("red"))).build())));
    assertEquals(List.of("c"), ids(server.search().query(query.clone().setFilter(Filter.newBuilder().setAllOf(
        FilterList.newBuilder()
            .addFilters(compare("color", Operator.OPERATOR_IN, string("red"), string("green")))
            .addFilters(compare("size", Operator.OPERATOR_GT, integer(1))))).build())));
    assertEquals(List.of("a"), ids(server.search().query(query.clone().setTopK(1).build())));
    assertEquals(integer(1), server.search().query(query.clone().setTopK(1).build()).getHits(0).getAttributesMap().get("size"));
  }

  @Test
  void aWorkspaceNeverSeesAnotherWorkspacesDocuments() {
    String mine = workspace();
    String theirs = workspace();
    upsert(mine, text("doc", "shared words about gardening"));
    upsert(theirs, text("doc", "shared words about gardening"), text("other", "more gardening"));

    assertEquals(List.of("doc"), ids(query(mine, "gardening", QueryMode.QUERY_MODE_HYBRID)));
    assertEquals(List.of("doc"), ids(query(mine, "gardening", QueryMode.QUERY_MODE_FULL_TEXT)));
    assertEquals(List.of(), ids(query(workspace(), "gardening", QueryMode.QUERY_MODE_VECTOR)));
  }

  @Test
  void upsertsReplaceAndDeletesRemove() {
    String workspace = workspace();
    upsert(workspace, text("a", "old text about apples"), text("b", "bananas"));
    upsert(workspace, text("a", "new text about cherries"));

    assertEquals(List.of(), ids(query(workspace, "apples", QueryMode.QUERY_MODE_FULL_TEXT)));
    assertEquals(List.of("a"), ids(query(workspace, "cherries", QueryMode.QUERY_MODE_FULL_TEXT)));

    server.search().deleteDocuments(DeleteDocumentsRequest.newBuilder()
        .setWorkspaceId(workspace).addIds("a").addIds("never-written").build());
    assertEquals(List.of("b"), ids(query(workspace, "fruit", QueryMode.QUERY_MODE_VECTOR)));

    String empty = workspace();
    server.search().deleteDocuments(DeleteDocumentsRequest.newBuilder().setWorkspaceId(empty).addIds("x").build());
    assertEquals("no namespace", server.contents(empty), "deleting in an empty workspace creates nothing");
  }
}
