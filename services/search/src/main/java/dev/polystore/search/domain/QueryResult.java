package dev.polystore.search.domain;

import java.util.List;

/** The hits of a query, best first, and the mode it ran in. */
public record QueryResult(SearchMode mode, List<ScoredHit> hits) {
  public QueryResult {
    hits = List.copyOf(hits);
  }
}
