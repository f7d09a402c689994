package dev.polystore.search;

import static dev.polystore.search.Requests.bool;
import static dev.polystore.search.Requests.compare;
import static dev.polystore.search.Requests.integer;
import static dev.polystore.search.Requests.string;
import static dev.polystore.search.Requests.text;
import static dev.polystore.search.Requests.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import dev.polystore.platform.vector.lucene.LuceneVectorStore;
import dev.polystore.search.v1.Comparison;
import dev.polystore.search.v1.DeleteDocumentsRequest;
import dev.polystore.search.v1.Document;
import dev.polystore.search.v1.Filter;
import dev.polystore.search.v1.Operator;
import dev.polystore.search.v1.QueryMode;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.UpsertDocumentsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every RPC, requests that break a rule (the contract's or the domain's) get INVALID_ARGUMENT
 * whose google.rpc.BadRequest names the field, and change nothing in the workspace's namespace.
 */
class SearchBadInputIT {
  private static final String WORKSPACE = UUID.randomUUID().toString();
  @TempDir
  static Path data;
  private static SearchServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = SearchServer.startServing(new LuceneVectorStore(data));
    // A workspace with embedded (384-d) documents and a STRING attribute, so that each bad request
    // below is wrong in one field only.
    server.search().upsertDocuments(UpsertDocumentsRequest.newBuilder().setWorkspaceId(WORKSPACE)
        .addDocuments(text("kept", "a document that must not change").toBuilder()
            .putAttributes("color", string("red")).putAttributes("done", bool(false)))
        .build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static UpsertDocumentsRequest.Builder upsert(Document... documents) {
    return UpsertDocumentsRequest.newBuilder().setWorkspaceId(WORKSPACE).addAllDocuments(List.of(documents));
  }

  private static Document good(String id) {
    return text(id, "a good document");
  }

  private static float[] zeros384() {
    return new float[384];
  }

  private static Document withVector(String id, float[] vector) {
    return vector(id, vector);
  }

  private static QueryRequest.Builder query() {
    return QueryRequest.newBuilder().setWorkspaceId(WORKSPACE).setText("document");
  }

  private static Filter nested(int depth) {
    Filter filter = compare("color", Operator.OPERATOR_EQ, string("red"));
    for (int i = 1; i < depth; i++) {
      filter = Filter.newBuilder().setNot(filter).build();
    }
    return filter;
  }

  @TestFactory
  Stream<DynamicTest> upsertRequests() {
    List<Document> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add(good("d" + i));
    }
    float[] nan = new float[384];
    nan[0] = 1;
    nan[1] = Float.NaN;
    return Stream.of(
        bad("workspace_id", upsert(good("a")).setWorkspaceId("not-a-uuid")),
        bad("documents", UpsertDocumentsRequest.newBuilder().setWorkspaceId(WORKSPACE)),
        bad("documents", upsert().addAllDocuments(tooMany)),
        bad("documents[0].id", upsert(text("no spaces allowed", "x"))),
        bad("documents[0].text", upsert(text("big", "x".repeat(16 * 1024 + 1)))),
        bad("documents[1].vector[1]", upsert(good("a"), withVector("b", nan))),
        bad("documents[1].vector", upsert(good("a"), vector("b", 1, 0, 0))),
        bad("documents[1].vector", upsert(good("a"), withVector("b", zeros384()))),
        bad("documents[1].id", upsert(good("a"), good("a"))),
        bad("documents[1].text", upsert(good("a"), Document.newBuilder().setId("empty").build())),
        bad("documents[1].attributes[\"color\"]", upsert(good("a"),
            good("b").toBuilder().putAttributes("color", integer(3)).build())),
        bad("documents[0].attributes[\"text\"]", upsert(good("a").toBuilder().putAttributes("text", string("x")).build())),
        bad("documents[0].attributes[\"Bad-Name\"]", upsert(good("a").toBuilder().putAttributes("Bad-Name", string("x")).build()))
    ).map(c -> c.test(r -> server.search().upsertDocuments(((UpsertDocumentsRequest.Builder) r).build())));
  }

  @TestFactory
  Stream<DynamicTest> deleteRequests() {
    DeleteDocumentsRequest.Builder delete = DeleteDocumentsRequest.newBuilder().setWorkspaceId(WORKSPACE);
    return Stream.of(
        bad("workspace_id", delete.clone().setWorkspaceId("nope").addIds("kept")),
        bad("ids", delete.clone()),
        bad("ids", delete.clone().addIds("kept").addIds("kept")),
        bad("ids[0]", delete.clone().addIds("has space"))
    ).map(c -> c.test(r -> server.search().deleteDocuments(((DeleteDocumentsRequest.Builder) r).build())));
  }

  @TestFactory
  Stream<DynamicTest> queryRequests() {
    return Stream.of(
        bad("workspace_id", query().setWorkspaceId("nope")),
        bad("text", query().setText("")),
        bad("text", query().setText("x".repeat(2049))),
        bad("vector[1]", query().addAllVector(List.of(1f, Float.NaN))),
        bad("vector", query().addAllVector(List.of(1f, 0f, 0f))),
        bad("vector", query().setText("").addAllVector(List.of(0f, 0f))),
        bad("text", query().setText("").addAllVector(List.of(1f)).setMode(QueryMode.QUERY_MODE_FULL_TEXT)),
        bad("top_k", query().setTopK(101)),
        bad("filter.kind", query().setFilter(Filter.getDefaultInstance())),
        bad("filter.comparison.operator", query().setFilter(Filter.newBuilder()
            .setComparison(Comparison.newBuilder().setAttribute("color").addValues(string("red"))))),
        bad("filter.comparison.attribute", query().setFilter(compare("shape", Operator.OPERATOR_EQ, string("round")))),
        bad("filter.comparison.values[0]", query().setFilter(compare("color", Operator.OPERATOR_EQ, integer(1)))),
        bad("filter.comparison.values", query().setFilter(
            compare("color", Operator.OPERATOR_EQ, string("red"), string("blue")))),
        bad("filter.comparison.values[1]", query().setFilter(
            compare("color", Operator.OPERATOR_IN, string("red"), integer(2)))),
        bad("filter.comparison.operator", query().setFilter(compare("done", Operator.OPERATOR_LT, bool(true)))),
        bad("filter.not.not.not.not", query().setFilter(nested(5)))
    ).map(c -> c.test(r -> server.search().query(((QueryRequest.Builder) r).build())));
  }

  /** One bad request and the field its violation must name. */
  private record Case(String field, Object request) {
    DynamicTest test(Consumer<Object> call) {
      return DynamicTest.dynamicTest(field + " <- " + abbreviate(request), () -> {
        String before = server.contents(WORKSPACE);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call.accept(request));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        List<String> fields = fields(e);
        assertTrue(fields.contains(field), "violations " + fields + " do not name " + field);
        assertEquals(before, server.contents(WORKSPACE), "a refused request changed the workspace");
      });
    }
  }

  private static Case bad(String field, Object request) {
    return new Case(field, request);
  }

  private static String abbreviate(Object request) {
    String text = request.toString().replace('\n', ' ');
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }

  private static List<String> fields(StatusRuntimeException e) throws InvalidProtocolBufferException {
    List<String> fields = new ArrayList<>();
    for (Any detail : StatusProto.fromThrowable(e).getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        detail.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> fields.add(v.getField()));
      }
    }
    return fields;
  }
}
