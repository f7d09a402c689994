package dev.polystore.search;

import static dev.polystore.search.Requests.ids;
import static dev.polystore.search.Requests.string;
import static dev.polystore.search.Requests.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.RetryInfo;
import dev.polystore.platform.vector.turbopuffer.LocalTurbopuffer;
import dev.polystore.platform.vector.turbopuffer.TurbopufferVectorStore;
import dev.polystore.search.v1.QueryMode;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.QueryResponse;
import dev.polystore.search.v1.UpsertDocumentsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SearchService on the turbopuffer client, against the local turbopuffer-compatible server: the
 * same requests work, and turbopuffer's throttling and outages reach callers as statuses they can
 * act on once the client's retries run out.
 */
class SearchOnTurbopufferIT {
  @TempDir
  static Path data;
  private static LocalTurbopuffer turbopuffer;
  private static SearchServer server;
  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    turbopuffer = LocalTurbopuffer.start(0, data, "it-key");
    server = SearchServer.startServing(new TurbopufferVectorStore(turbopuffer.clientConfig(3)));
  }

  @AfterAll
  static void stop() {
    server.close();
    turbopuffer.close();
  }

  @AfterEach
  void healTurbopuffer() {
    turbopuffer.failNext(0, 0);
  }

  private void upsertTwo() {
    server.search().upsertDocuments(UpsertDocumentsRequest.newBuilder().setWorkspaceId(workspace)
        .addDocuments(text("tea", "Green tea is brewed at eighty degrees").toBuilder().putAttributes("kind", string("drink")))
        .addDocuments(text("bike", "A bicycle needs air in its tyres").toBuilder().putAttributes("kind", string("thing")))
        .build());
  }

  @Test
  void documentsAreIndexedAndFoundInEveryMode() {
    upsertTwo();
    QueryRequest.Builder query = QueryRequest.newBuilder().setWorkspaceId(workspace).setText("brewing tea");

    QueryResponse hybrid = server.search().query(query.build());
    assertEquals(QueryMode.QUERY_MODE_HYBRID, hybrid.getMode());
    assertEquals("tea", hybrid.getHits(0).getId());
    assertEquals(string("drink"), hybrid.getHits(0).getAttributesMap().get("kind"));
    assertEquals("tea", ids(server.search().query(query.clone().setMode(QueryMode.QUERY_MODE_VECTOR).build())).get(0));
    assertEquals("tea", ids(server.search().query(query.clone().setMode(QueryMode.QUERY_MODE_FULL_TEXT).build())).get(0));
  }

  @Test
  void throttlingBecomesResourceExhaustedWithARetryDelay() {
    turbopuffer.failNext(429, 100);

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, this::upsertTwo);

    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    assertTrue(StatusProto.fromThrowable(e).getDetailsList().stream().anyMatch(d -> d.is(RetryInfo.class)));
    turbopuffer.failNext(0, 0);
    assertEquals("no namespace", server.contents(workspace));
  }

  @Test
  void serverErrorsBecomeUnavailable() {
    upsertTwo();
    turbopuffer.failNext(503, 100);

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> server.search().query(
        QueryRequest.newBuilder().setWorkspaceId(workspace).setText("tea").build()));

    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
  }

  @Test
  void aPassingServerErrorIsRetriedAway() {
    turbopuffer.failNext(502, 2);

    upsertTwo();

    turbopuffer.failNext(0, 0);
    assertEquals(2, server.search().query(QueryRequest.newBuilder().setWorkspaceId(workspace)
        .addAllVector(Collections.nCopies(384, 0.1f)).build()).getHitsCount());
  }

  @Test
  void badInputIsRefusedBeforeTurbopufferIsCalled() {
    upsertTwo();
    int before = turbopuffer.dataRequests();

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> server.search().query(
        QueryRequest.newBuilder().setWorkspaceId(workspace).addVector(1f).addVector(2f).build()));

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals(before, turbopuffer.dataRequests());
  }
}
