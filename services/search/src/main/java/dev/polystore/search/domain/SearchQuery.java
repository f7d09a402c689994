package dev.polystore.search.domain;

/**
 * A query as a caller sends it.
 *
 * @param vector empty when the text should be embedded
 * @param topK 0 for the default
 * @param filter null for none
 * @param mode null to choose from what the query has (HYBRID with text, VECTOR without)
 */
public record SearchQuery(String text, float[] vector, int topK, SearchFilter filter, SearchMode mode) {
  public SearchQuery {
    text = text == null ? "" : text;
    vector = vector == null ? new float[0] : vector;
  }
}
