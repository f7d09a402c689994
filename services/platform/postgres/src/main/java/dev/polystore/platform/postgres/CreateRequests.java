package dev.polystore.platform.postgres;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The request ids of creating calls, so that a retry returns the first call's result instead of
 * creating another. Each service database that uses it has the table
 * {@code create_requests (method text, request_id uuid, resource_id uuid, sealed_result bytea,
 * created_at timestamptz, PRIMARY KEY (method, request_id))}.
 *
 * <p>{@link #claim} runs in the create's own transaction, before the create's inserts: concurrent
 * calls with one request id wait on the primary key until the first commits or rolls back, so one
 * creates and the others read its result. A rolled-back create leaves no claim behind, so a retry
 * after a failure creates.
 */
public final class CreateRequests {
  private static final String CLAIM = "INSERT INTO create_requests (method, request_id, resource_id, sealed_result)"
      + " VALUES (:method, :requestId, :resourceId, :sealedResult) ON CONFLICT (method, request_id) DO NOTHING";
  private static final String FIND = "SELECT resource_id, sealed_result FROM create_requests"
      + " WHERE method = :method AND request_id = :requestId";

  private CreateRequests() {}

  /** What the first call with a request id created. */
  public record FirstResult(UUID resourceId, Optional<byte[]> sealedResult) {}

  /**
   * Claims {@code requestId} for {@code resourceId} in {@code handle}'s transaction. Empty when this
   * call claimed it and should create; else what the first call created, and this call creates
   * nothing.
   */
  public static Optional<FirstResult> claim(Handle handle, String method, UUID requestId, UUID resourceId,
      Optional<byte[]> sealedResult) {
    int claimed = handle.createUpdate(CLAIM)
        .bind("method", method)
        .bind("requestId", requestId)
        .bind("resourceId", resourceId)
        .bind("sealedResult", sealedResult.orElse(null))
        .execute();
    if (claimed == 1) {
      return Optional.empty();
    }
    // Read committed: this statement's snapshot sees the row the conflicting call committed.
    return Optional.of(find(handle, method, requestId).orElseThrow(() -> new IllegalStateException(
        "create_requests conflict on " + method + " " + requestId + " but no row")));
  }

  /** What the first call with {@code requestId} created, if one did. */
  public static Optional<FirstResult> find(Handle handle, String method, UUID requestId) {
    return handle.createQuery(FIND)
        .bind("method", method)
        .bind("requestId", requestId)
        .map((rs, ctx) -> new FirstResult(rs.getObject("resource_id", UUID.class),
            Optional.ofNullable(rs.getBytes("sealed_result"))))
        .findOne();
  }
}
