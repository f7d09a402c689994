package dev.polystore.files.store;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.polystore.files.domain.EventTypes;
import dev.polystore.files.domain.FilePosition;
import dev.polystore.files.domain.FileRecord;
import dev.polystore.files.domain.FileStatus;
import dev.polystore.files.domain.FileStore;
import dev.polystore.files.domain.PendingUpload;
import dev.polystore.files.domain.UploadRequest;
import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.cassandra.outbox.CassandraOutboxWriter;
import dev.polystore.platform.events.Change;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The files keyspace (V1__files.cql). Reads that a caller acts on right after a write (CompleteUpload
 * after CreateUpload) use the default LOCAL_QUORUM, never a stale replica.
 */
public final class CassandraFileStore implements FileStore {
  /** How far back the cleanup looks for notes, and how long a note outlives its due time. */
  static final Duration LOOKBACK = Duration.ofDays(3);

  private final CassandraStore cassandra;
  private final CassandraOutboxWriter events;
  private volatile FilesStatements statements;

  public CassandraFileStore(CassandraStore cassandra, CassandraOutboxWriter events) {
    this.cassandra = cassandra;
    this.events = events;
  }

  @Override
  public void insertPending(FileRecord file, Duration ttl) {
    FilesStatements cql = statements();
    Instant due = file.createdAt().plus(ttl);
    // The cleanup's note first: should a later write fail, the note only leads to a harmless delete.
    // The note is all that expires: the cleanup deletes the file's rows once it is due.
    run(cql.insertPendingNote().bind(due.truncatedTo(ChronoUnit.HOURS), file.fileId(), file.workspaceId(),
        file.objectKey(), file.uploadId().orElse(null), due, (int) (ttl.plus(LOOKBACK).toSeconds()))
        .setIdempotent(true)).join();
    // One logged batch (atomic across tables, on Amazon Keyspaces too): the event exists exactly when the file does.
    run(BatchStatement.newInstance(DefaultBatchType.LOGGED,
        cql.insertFile().bind(file.fileId(), file.workspaceId(), file.objectKey(), file.filename(),
            file.contentType(), file.sizeBytes(), file.sha256().orElse(null), file.status().name(),
            file.uploadId().orElse(null), file.partSize(), file.partChecksums(), file.createdAt(), null),
        cql.insertListEntry().bind(file.workspaceId(), file.createdAt(), file.fileId()),
        events.row(FileEvents.of(EventTypes.UPLOAD_CREATED, file, file.createdAt()))).setIdempotent(true)).join();
  }

  @Override
  public Optional<UploadRequest> findRequest(UUID requestId) {
    // LOCAL_SERIAL: sees a claim whose lightweight transaction another call is committing right now.
    Row row = run(statements().selectRequest().bind(requestId).setConsistencyLevel(DefaultConsistencyLevel.LOCAL_SERIAL)
        .setIdempotent(true)).join().one();
    return Optional.ofNullable(row).map(CassandraFileStore::request);
  }

  @Override
  public Optional<UploadRequest> claimRequest(UploadRequest claim, Duration ttl) {
    // Not idempotent for the driver: a retried IF NOT EXISTS would find its own claim and report it as another's.
    AsyncResultSet result = run(statements().claimRequest().bind(claim.requestId(), claim.workspaceId(),
        claim.fileId(), (int) ttl.toSeconds())).join();
    return result.wasApplied() ? Optional.empty() : Optional.of(request(result.one()));
  }

  @Override
  public void releaseRequest(UploadRequest claim) {
    run(statements().releaseRequest().bind(claim.requestId(), claim.fileId())).join();
  }

  @Override
  public boolean markReady(FileRecord ready) {
    FilesStatements cql = statements();
    boolean applied = run(cql.markReady().bind(ready.workspaceId(), ready.objectKey(), ready.filename(),
        ready.contentType(), ready.sizeBytes(), ready.sha256().orElse(null), ready.uploadId().orElse(null),
        ready.partSize(), ready.partChecksums(), ready.createdAt(), ready.readyAt().orElseThrow(), ready.fileId()))
        .join().wasApplied();
    if (applied) {
      // A lightweight transaction shares no batch with another table: the event follows it, at the
      // completion's time under the file's event id, so recordCompletion's healing writes this same row.
      // The list entry is written again without a TTL: the previous release wrote list entries with one.
      CompletableFuture.allOf(
          run(cql.insertListEntry().bind(ready.workspaceId(), ready.createdAt(), ready.fileId()).setIdempotent(true)),
          run(events.row(completion(ready))))
          .join();
    }
    return applied;
  }

  @Override
  public void recordCompletion(FileRecord ready) {
    events.ensure(completion(ready));
  }

  private static Change completion(FileRecord ready) {
    return FileEvents.of(EventTypes.UPLOAD_COMPLETED, ready, ready.readyAt().orElseThrow());
  }

  @Override
  public Optional<FileRecord> find(UUID fileId) {
    Row row = run(statements().selectFile().bind(fileId).setIdempotent(true)).join().one();
    return Optional.ofNullable(row).map(CassandraFileStore::file);
  }

  @Override
  public List<FileRecord> list(UUID workspaceId, Optional<FilePosition> after, int limit) {
    FilesStatements cql = statements();
    List<UUID> ids = new ArrayList<>();
    if (after.isEmpty()) {
      entries(cql.selectFirstPage().bind(workspaceId, limit), ids);
    } else {
      // (created_at, file_id) < position, newest first, without a multi-column slice.
      FilePosition position = after.get();
      entries(cql.selectRestOfInstant().bind(workspaceId, position.createdAt(), position.fileId(), limit), ids);
      if (ids.size() < limit) {
        entries(cql.selectOlder().bind(workspaceId, position.createdAt(), limit - ids.size()), ids);
      }
    }
    List<CompletableFuture<Optional<FileRecord>>> reads = new ArrayList<>();
    for (UUID id : ids) {
      reads.add(run(cql.selectFile().bind(id).setIdempotent(true))
          .thenApply(rows -> Optional.ofNullable(rows.one()).map(CassandraFileStore::file)));
    }
    // An entry whose file is gone (deleted between the two writes of a delete) is skipped.
    return reads.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
  }

  /**
   * Adds the file ids of a list query's rows: all of them are on the first page, as the query's
   * LIMIT (at most ListFiles' page size, 500) is below the driver's page size (5000).
   */
  private void entries(Statement<?> query, List<UUID> ids) {
    for (Row entry : run(query.setIdempotent(true)).join().currentPage()) {
      ids.add(entry.getUuid("file_id"));
    }
  }

  @Override
  public void delete(FileRecord file) {
    FilesStatements cql = statements();
    run(BatchStatement.newInstance(DefaultBatchType.LOGGED,
        cql.deleteFile().bind(file.fileId()),
        cql.deleteListEntry().bind(file.workspaceId(), file.createdAt(), file.fileId()),
        events.row(FileEvents.of(EventTypes.FILE_DELETED, file, Instant.now().truncatedTo(ChronoUnit.MILLIS))))
        .setIdempotent(true)).join();
  }

  @Override
  public List<PendingUpload> duePending(Instant now) {
    FilesStatements cql = statements();
    List<CompletableFuture<AsyncResultSet>> hours = new ArrayList<>();
    Instant last = now.truncatedTo(ChronoUnit.HOURS);
    for (Instant hour = last.minus(LOOKBACK); !hour.isAfter(last); hour = hour.plus(Duration.ofHours(1))) {
      hours.add(run(cql.selectDue().bind(hour).setIdempotent(true)));
    }
    List<PendingUpload> due = new ArrayList<>();
    for (CompletableFuture<AsyncResultSet> hour : hours) {
      // An hour's notes are few: its first page is all of them in practice, and the next run gets the rest.
      for (Row row : hour.join().currentPage()) {
        Instant expiresAt = row.getInstant("expires_at");
        if (!expiresAt.isAfter(now)) {
          due.add(new PendingUpload(row.getUuid("file_id"), row.getUuid("workspace_id"), row.getString("object_key"),
              Optional.ofNullable(row.getString("upload_id")), expiresAt));
        }
      }
    }
    return due;
  }

  @Override
  public void forgetPending(PendingUpload pending) {
    run(statements().deletePendingNote().bind(pending.expiresAt().truncatedTo(ChronoUnit.HOURS), pending.fileId())
        .setIdempotent(true)).join();
  }

  private CompletableFuture<AsyncResultSet> run(Statement<?> statement) {
    return cassandra.executor().execute(statement).toCompletableFuture();
  }

  private static UploadRequest request(Row row) {
    return new UploadRequest(row.getUuid("request_id"), row.getUuid("workspace_id"), row.getUuid("file_id"));
  }

  private static FileRecord file(Row row) {
    long partSize = row.isNull("part_size") ? 0 : row.getLong("part_size");
    return new FileRecord(row.getUuid("file_id"), row.getUuid("workspace_id"), row.getString("object_key"),
        row.getString("filename"), row.getString("content_type"), row.getLong("size_bytes"),
        Optional.ofNullable(row.getString("sha256")), FileStatus.valueOf(row.getString("status")),
        Optional.ofNullable(row.getString("upload_id")), partSize,
        !row.isNull("part_checksums") && row.getBoolean("part_checksums"), row.getInstant("created_at"),
        Optional.ofNullable(row.getInstant("ready_at")));
  }

  private FilesStatements statements() {
    FilesStatements prepared = statements;
    if (prepared == null) {
      synchronized (this) {
        if (statements == null) {
          statements = FilesStatements.prepare(cassandra.session());
        }
        prepared = statements;
      }
    }
    return prepared;
  }
}
