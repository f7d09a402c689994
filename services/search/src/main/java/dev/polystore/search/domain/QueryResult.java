package dev.polystore.search.domain;

import dev.polystore.platform.vector.ScoredDocument;
import java.util.List;

/** The hits of a query, best first, and the mode it ran in. */
public record QueryResult(SearchMode mode, List<ScoredDocument> hits) {
  public QueryResult {
    hits = List.copyOf(hits);
  }
}
