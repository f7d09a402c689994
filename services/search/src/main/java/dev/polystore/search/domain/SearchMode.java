package dev.polystore.search.domain;

/** How a query ranks: by vector, by BM25, or both fused. */
public enum SearchMode {
  VECTOR,
  FULL_TEXT,
  HYBRID
}
