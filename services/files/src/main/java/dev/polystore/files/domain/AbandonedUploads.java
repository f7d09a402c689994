package dev.polystore.files.domain;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what abandoned uploads left: once an upload's note in the store is due, this removes
 * its object, aborts its multipart upload and deletes its record, unless the file became READY
 * meanwhile; for a READY one it makes sure the completion's event was recorded. Records carry no TTL (Amazon Keyspaces does not document that an UPDATE clears one),
 * so this is what removes them. Each step is idempotent, so a run that
 * fails halfway is finished by the next.
 */
public final class AbandonedUploads {
  private static final Logger log = LoggerFactory.getLogger(AbandonedUploads.class);

  private final FileStore files;
  private final ObjectStore objects;
  private final Clock clock;

  public AbandonedUploads(FileStore files, ObjectStore objects, Clock clock) {
    this.files = files;
    this.objects = objects;
    this.clock = clock;
  }

  /** One pass over the uploads due by now; how many it removed. */
  public int removeDue() {
    int removed = 0;
    for (PendingUpload pending : files.duePending(clock.instant())) {
      Optional<FileRecord> file = files.find(pending.fileId());
      if (file.isEmpty() || file.get().status() == FileStatus.PENDING) {
        pending.uploadId().ifPresent(id -> objects.abortMultipart(pending.objectKey(), id));
        objects.delete(pending.objectKey());
        file.ifPresent(files::delete);
        removed++;
      } else {
        // Completed: its event, should the process have died between the completion and the event
        // (and no retry of CompleteUpload came), is written now, before the note is gone.
        files.recordCompletion(file.get());
      }
      files.forgetPending(pending);
    }
    if (removed > 0) {
      log.info("removed {} abandoned uploads", removed);
    }
    return removed;
  }
}
