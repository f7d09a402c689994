package dev.polystore.files.domain;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.paging.PageToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** GetFile, ListFiles and DeleteFile. */
public final class FileCatalog {
  static final int DEFAULT_PAGE_SIZE = 50;
  private static final String PAGE_TOKEN = "page_token";

  private final FileStore files;
  private final ObjectStore objects;

  public FileCatalog(FileStore files, ObjectStore objects) {
    this.files = files;
    this.objects = objects;
  }

  public FileRecord get(UUID workspaceId, UUID fileId) {
    return Files.inWorkspace(files.find(fileId), workspaceId);
  }

  /** Keyset pages: the token carries the last file's (created_at, file_id), scoped to the workspace. */
  public FilePage list(UUID workspaceId, int pageSize, String pageToken) {
    int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize;
    Optional<FilePosition> after = pageToken.isEmpty() ? Optional.empty() : Optional.of(position(workspaceId, pageToken));
    // One more than asked tells whether another page follows.
    List<FileRecord> found = files.list(workspaceId, after, size + 1);
    if (found.size() <= size) {
      return new FilePage(found, "");
    }
    FileRecord last = found.get(size - 1);
    return new FilePage(found.subList(0, size), PageToken.encode(workspaceId.toString(),
        Long.toString(last.createdAt().toEpochMilli()), last.fileId().toString()));
  }

  /** The object goes first: should the record's removal fail, a retry finds the file and deletes again. */
  public void delete(UUID workspaceId, UUID fileId) {
    FileRecord file = Files.inWorkspace(files.find(fileId), workspaceId);
    if (file.status() == FileStatus.PENDING && file.isMultipart()) {
      objects.abortMultipart(file.objectKey(), file.uploadId().get());
    }
    objects.delete(file.objectKey());
    files.delete(file);
  }

  private static FilePosition position(UUID workspaceId, String token) {
    List<String> keys = PageToken.decode(token, PAGE_TOKEN, workspaceId.toString(), 2);
    try {
      return new FilePosition(Instant.ofEpochMilli(Long.parseLong(keys.get(0))), UUID.fromString(keys.get(1)));
    } catch (IllegalArgumentException e) {
      // Opaque but not secret: one assembled by hand is as invalid as garbage.
      throw ServiceException.invalid(PAGE_TOKEN, "page_token.valid", "is not a token returned by this list");
    }
  }
}
