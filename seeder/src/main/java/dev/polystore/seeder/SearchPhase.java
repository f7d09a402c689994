package dev.polystore.seeder;

import dev.polystore.search.v1.AttributeValue;
import dev.polystore.search.v1.Comparison;
import dev.polystore.search.v1.Document;
import dev.polystore.search.v1.Filter;
import dev.polystore.search.v1.Operator;
import dev.polystore.search.v1.QueryMode;
import dev.polystore.search.v1.QueryRequest;
import dev.polystore.search.v1.SearchHit;
import dev.polystore.search.v1.SearchServiceGrpc;
import dev.polystore.search.v1.SearchServiceGrpc.SearchServiceBlockingStub;
import dev.polystore.search.v1.UpsertDocumentsRequest;
import io.grpc.Status;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Search documents by id. UpsertDocuments replaces and never says whether an id existed, so each
 * batch is probed first: a full-text Query for the word every seeded document holds, filtered to
 * the batch's ids (an exact match, unlike an approximate vector query). Only the missing are upserted.
 */
final class SearchPhase {
  /** Every seeded document's text starts with it, so the probe's full-text query matches them all. */
  static final String MARKER = "seeded";
  private static final int BATCH = 100;

  private final Run run;
  private final SearchServiceBlockingStub search;

  SearchPhase(Run run) {
    this.run = run;
    this.search = SearchServiceGrpc.newBlockingStub(run.channel);
  }

  void seed() {
    int perWorkspace = run.size.documentsPerWorkspace;
    int batches = (perWorkspace + BATCH - 1) / BATCH;
    run.phase("documents", (long) perWorkspace * run.size.workspaces, (tally, progress) ->
        Parallel.forEach(run.args.concurrency(), batches * run.size.workspaces, b -> {
          int workspace = b / batches;
          int first = b % batches * BATCH;
          int end = Math.min(first + BATCH, perWorkspace);
          Set<String> present = present(workspace, first, end);
          UpsertDocumentsRequest.Builder upsert = UpsertDocumentsRequest.newBuilder().setWorkspaceId(run.workspaceIds[workspace]);
          for (int d = first; d < end; d++) {
            String id = run.plan.documentId(workspace, d);
            if (present.contains(id)) {
              tally.count(false);
            } else {
              upsert.addDocuments(document(workspace, d));
            }
          }
          if (upsert.getDocumentsCount() > 0) {
            tally.created(Calls.call("search.UpsertDocuments", () -> run.deadline(search).upsertDocuments(upsert.build())).getUpsertedCount());
          }
          progress.step(end - first);
        }));
  }

  private Document document(int workspace, int d) {
    String id = run.plan.documentId(workspace, d);
    return Document.newBuilder().setId(id)
        .setText(text(run.plan, workspace, d))
        .putAttributes("seed_doc", AttributeValue.newBuilder().setStringValue(id).build())
        .putAttributes("topic", AttributeValue.newBuilder().setStringValue(TextGenerator.topic(d)).build())
        .build();
  }

  /** The document's full text, as tests recompute it. */
  static String text(Plan plan, int workspace, int d) {
    return "Seeded " + TextGenerator.topic(d) + " note " + d + ". " + plan.documentText(workspace, d);
  }

  /** The ids of this batch the workspace holds already; none when it has no documents (the filter then names an unknown attribute). */
  private Set<String> present(int workspace, int first, int end) {
    Comparison.Builder ids = Comparison.newBuilder().setAttribute("seed_doc").setOperator(Operator.OPERATOR_IN);
    for (int d = first; d < end; d++) {
      ids.addValues(AttributeValue.newBuilder().setStringValue(run.plan.documentId(workspace, d)));
    }
    List<SearchHit> hits = Calls.call("search.Query", () -> run.deadline(search).query(QueryRequest.newBuilder()
        .setWorkspaceId(run.workspaceIds[workspace]).setText(MARKER).setMode(QueryMode.QUERY_MODE_FULL_TEXT)
        .setTopK(BATCH).setFilter(Filter.newBuilder().setComparison(ids)).build()).getHitsList(),
        Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND), status -> List.of());
    Set<String> present = new HashSet<>();
    for (SearchHit hit : hits) {
      present.add(hit.getId());
    }
    return present;
  }
}
