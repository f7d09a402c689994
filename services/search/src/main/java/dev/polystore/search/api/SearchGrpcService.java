package dev.polystore.search.api;

import dev.polystore.search.domain.Indexing;
import dev.polystore.search.domain.QueryResult;
import dev.polystore.search.domain.Searching;
import dev.polystore.search.domain.UpsertResult;
import dev.polystore.search.v1.DeleteDocumentsRequest;
import dev.polystore.search.v1.DeleteDocumentsResponse;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.QueryResponse;
import dev.polystore.search.v1.SearchServiceGrpc;
import dev.polystore.search.v1.UpsertDocumentsRequest;
import dev.polystore.search.v1.UpsertDocumentsResponse;
import io.grpc.stub.StreamObserver;

/**
 * polystore.search.v1.SearchService. The platform's interceptors have validated the request
 * against the contract; failures thrown here become statuses in the error-mapping interceptor.
 */
public final class SearchGrpcService extends SearchServiceGrpc.SearchServiceImplBase {
  private final Indexing indexing;
  private final Searching searching;

  public SearchGrpcService(Indexing indexing, Searching searching) {
    this.indexing = indexing;
    this.searching = searching;
  }

  @Override
  public void upsertDocuments(UpsertDocumentsRequest request, StreamObserver<UpsertDocumentsResponse> response) {
    UpsertResult result = indexing.upsert(request.getWorkspaceId(),
        request.getDocumentsList().stream().map(SearchMessages::document).toList());
    response.onNext(UpsertDocumentsResponse.newBuilder()
        .setUpsertedCount(result.upserted())
        .setDimension(result.dimension())
        .build());
    response.onCompleted();
  }

  @Override
  public void deleteDocuments(DeleteDocumentsRequest request, StreamObserver<DeleteDocumentsResponse> response) {
    indexing.delete(request.getWorkspaceId(), request.getIdsList());
    response.onNext(DeleteDocumentsResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void query(QueryRequest request, StreamObserver<QueryResponse> response) {
    QueryResult result = searching.query(request.getWorkspaceId(), SearchMessages.query(request));
    QueryResponse.Builder out = QueryResponse.newBuilder().setMode(SearchMessages.mode(result.mode()));
    result.hits().forEach(hit -> out.addHits(SearchMessages.hit(hit)));
    response.onNext(out.build());
    response.onCompleted();
  }
}
