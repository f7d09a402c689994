package dev.polystore.files.domain;

import java.util.List;

/** One page of a workspace's files, newest first; an empty token ends the list. */
public record FilePage(List<FileRecord> files, String nextPageToken) {
  public FilePage {
    files = List.copyOf(files);
  }
}
