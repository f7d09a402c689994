package dev.polystore.platform.postgres;

import dev.polystore.platform.paging.KeysetCursor;
import dev.polystore.platform.paging.PageRequest;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of a keyset page: rows strictly after the cursor in (created_at, id) order, one more than
 * the page size. A row comparison, so one index on (parent, created_at, id) serves every page.
 */
public final class Keyset {
  private Keyset() {}

  /** The condition to AND to the query: empty for a first page. Column names are constants of ours. */
  public static String after(PageRequest page, String createdAtColumn, String idColumn) {
    return page.after().isEmpty() ? ""
        : " AND (" + createdAtColumn + ", " + idColumn + ") > (:afterCreatedAt, :afterId)";
  }

  public static String orderAndLimit(String createdAtColumn, String idColumn) {
    return " ORDER BY " + createdAtColumn + ", " + idColumn + " LIMIT :fetchSize";
  }

  public static Query bind(Query query, PageRequest page) {
    query.bind("fetchSize", page.fetchSize());
    if (page.after().isPresent()) {
      KeysetCursor cursor = page.after().get();
      query.bind("afterCreatedAt", Columns.timestamptz(cursor.createdAt())).bind("afterId", cursor.id());
    }
    return query;
  }
}
