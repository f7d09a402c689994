package dev.polystore.search.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers queries on one workspace's namespace: checks the query against the workspace's schema,
 * embeds query text when a vector ranking needs one, and fuses the vector and BM25 rankings for
 * HYBRID queries.
 */
public final class Searching {
  static final int DEFAULT_TOP_K = 10;
  /** Each ranking of a hybrid query contributes this many candidates (at least top_k) to the fusion. */
  static final int HYBRID_CANDIDATES = 50;

  private final SearchIndex index;
  private final Embedder embedder;

  public Searching(SearchIndex index, Embedder embedder) {
    this.index = index;
    this.embedder = embedder;
  }

  public QueryResult query(String workspaceId, SearchQuery query) {
    boolean hasText = !query.text().isBlank();
    boolean hasVector = query.vector().length > 0;
    SearchMode mode = query.mode() != null ? query.mode() : hasText ? SearchMode.HYBRID : SearchMode.VECTOR;

    Violations violations = new Violations();
    if (!hasText && !hasVector) {
      violations.add("text", "query.text_or_vector", "a query needs text, a vector, or both");
    } else if (mode != SearchMode.VECTOR && !hasText) {
      violations.add("text", "query.text_required", mode + " queries need text");
    }
    if (hasVector && Vectors.isZero(query.vector())) {
      violations.add("vector", "vector.not_zero", "must not be all zeros: cosine similarity is undefined for it");
    }
    if (query.filter() != null) {
      FilterRules.check(query.filter(), null, violations);
    }
    violations.throwIfAny();

    Set<String> attributes = new HashSet<>();
    if (query.filter() != null) {
      FilterRules.collectAttributes(query.filter(), attributes);
    }
    Optional<IndexSchema> found = index.schema(workspaceId, attributes);
    if (found.isEmpty()) {
      return new QueryResult(mode, List.of()); // the workspace has no documents yet
    }
    IndexSchema schema = found.get();
    if (query.filter() != null) {
      FilterRules.check(query.filter(), schema, violations);
    }
    boolean needsVector = mode != SearchMode.FULL_TEXT;
    if (needsVector && hasVector && query.vector().length != schema.dimension()) {
      violations.add("vector", "vector.dimension",
          "has " + query.vector().length + " dimensions; this workspace's vectors have " + schema.dimension());
    } else if (needsVector && !hasVector && embedder.dimension() != schema.dimension()) {
      violations.add("vector", "vector.required", "text is embedded with " + embedder.dimension()
          + " dimensions, but this workspace's vectors have " + schema.dimension() + ": give a vector");
    }
    violations.throwIfAny();

    int topK = query.topK() == 0 ? DEFAULT_TOP_K : query.topK();
    return new QueryResult(mode, switch (mode) {
      case VECTOR -> index.query(workspaceId, ranked(nearest(query, hasVector), query.filter(), topK, schema));
      case FULL_TEXT -> index.query(workspaceId, ranked(new Ranking.ByText(query.text()), query.filter(), topK, schema));
      case HYBRID -> hybrid(workspaceId, query, hasVector, topK, schema);
    });
  }

  private List<ScoredHit> hybrid(String workspaceId, SearchQuery query, boolean hasVector, int topK,
      IndexSchema schema) {
    int candidates = Math.max(topK, HYBRID_CANDIDATES);
    List<ScoredHit> byVector = index.query(workspaceId,
        ranked(nearest(query, hasVector), query.filter(), candidates, schema));
    List<ScoredHit> byText = index.query(workspaceId,
        ranked(new Ranking.ByText(query.text()), query.filter(), candidates, schema));
    return ReciprocalRankFusion.fuse(List.of(byVector, byText), topK);
  }

  private Ranking nearest(SearchQuery query, boolean hasVector) {
    return new Ranking.ByVector(hasVector ? query.vector() : embedder.embed(query.text()));
  }

  private static RankedQuery ranked(Ranking ranking, SearchFilter filter, int topK, IndexSchema schema) {
    return new RankedQuery(ranking, filter, topK, schema.attributes());
  }
}
