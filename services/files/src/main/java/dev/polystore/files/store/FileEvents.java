package dev.polystore.files.store;

import dev.polystore.files.domain.FileRecord;
import dev.polystore.platform.events.Change;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A file's events. The event id is derived from the type and the file (a name-based UUID): each
 * happens once in a file's life, so a write that records it again (CompleteUpload's event healed
 * after a crash, two DeleteFile calls racing) writes the same event, and consumers, idempotent by
 * event id, see one.
 */
final class FileEvents {
  private FileEvents() {}

  static Change of(String type, FileRecord file, Instant at) {
    UUID eventId = UUID.nameUUIDFromBytes((type + ":" + file.fileId()).getBytes(StandardCharsets.UTF_8));
    return new Change(eventId, type, Optional.of(file.workspaceId()), file.fileId(), at, null);
  }
}
