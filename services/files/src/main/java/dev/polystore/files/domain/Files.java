package dev.polystore.files.domain;

import dev.polystore.platform.errors.ServiceException;
import java.util.Optional;
import java.util.UUID;

/** A file looked up by id is only found in its own workspace: another workspace's file is NOT_FOUND, as a missing one. */
final class Files {
  private Files() {}

  static FileRecord inWorkspace(Optional<FileRecord> found, UUID workspaceId) {
    return found.filter(file -> file.workspaceId().equals(workspaceId))
        .orElseThrow(() -> ServiceException.notFound("file"));
  }
}
