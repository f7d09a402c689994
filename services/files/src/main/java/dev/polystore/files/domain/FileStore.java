package dev.polystore.files.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** File records, as the domain needs them. */
public interface FileStore {
  /**
   * Stores a PENDING file with its "upload.created" event, and notes it for the cleanup, which
   * removes it once {@code ttl} has passed.
   */
  void insertPending(FileRecord file, Duration ttl);

  /** The claim of a request id, as of the latest writes (a serial read: it sees every claim that was applied). */
  Optional<UploadRequest> findRequest(UUID requestId);

  /**
   * Claims a request id for a file, once for good (a lightweight transaction), for {@code ttl}.
   * Empty when this call claimed it; else the claim an earlier call made.
   */
  Optional<UploadRequest> claimRequest(UploadRequest claim, Duration ttl);

  /** Drops this call's claim when its file could not be stored; the claim of another file stays. */
  void releaseRequest(UploadRequest claim);

  /**
   * Makes a PENDING file READY for good and records its "upload.completed" event after it; false
   * when it is no longer PENDING (or no longer there).
   */
  boolean markReady(FileRecord ready);

  /**
   * Records the "upload.completed" event of a READY file unless it is recorded already: heals a
   * completion whose process died between making it READY and writing its event.
   */
  void recordCompletion(FileRecord ready);

  Optional<FileRecord> find(UUID fileId);

  /** Up to {@code limit} files of the workspace after {@code after}, newest first. */
  List<FileRecord> list(UUID workspaceId, Optional<FilePosition> after, int limit);

  /** Removes the file's record and its list entry, with its "file.deleted" event. */
  void delete(FileRecord file);

  /** Uploads noted by {@link #insertPending} that were due to expire by {@code now}. */
  List<PendingUpload> duePending(Instant now);

  /** Drops the cleanup's note of an upload. */
  void forgetPending(PendingUpload pending);
}
