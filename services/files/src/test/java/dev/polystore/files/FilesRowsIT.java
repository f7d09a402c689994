package dev.polystore.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.ListFilesRequest;
import dev.polystore.files.v1.ListFilesResponse;
import dev.polystore.files.v1.UploadMethod;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files keyspace's rows as Amazon Keyspaces needs them: no TTL on a file's row (the cleanup
 * removes abandoned ones), and keyset pages that cross files created in the same instant without
 * a multi-column slice.
 */
class FilesRowsIT {
  private static FilesServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = FilesServer.startServing();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aPendingFilesRowCarriesNoTtl() {
    String workspace = UUID.randomUUID().toString();
    String fileId = server.files().createUpload(CreateUploadRequest.newBuilder().setWorkspaceId(workspace)
        .setFilename("p.txt").setContentType("text/plain").setSizeBytes(1).setMethod(UploadMethod.UPLOAD_METHOD_PUT)
        .build()).getFile().getFileId();

    Row row = server.keyspace.cql().execute(SimpleStatement.newInstance(
        "SELECT status, TTL(status) AS status_ttl, TTL(filename) AS filename_ttl FROM files WHERE file_id = ?",
        UUID.fromString(fileId))).one();
    assertEquals("PENDING", row.getString("status"));
    assertTrue(row.isNull("status_ttl") && row.isNull("filename_ttl"), row.getFormattedContents());
  }

  @Test
  void pagesCrossFilesCreatedInTheSameInstant() {
    UUID workspace = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<UUID> sameInstant = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    List<UUID> older = List.of(UUID.randomUUID(), UUID.randomUUID());
    sameInstant.forEach(id -> insertReady(workspace, id, now));
    older.forEach(id -> insertReady(workspace, id, now.minusSeconds(1)));

    List<UUID> listed = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      ListFilesResponse page = server.files().listFiles(ListFilesRequest.newBuilder()
          .setWorkspaceId(workspace.toString()).setPageSize(2).setPageToken(token).build());
      page.getFilesList().forEach(f -> listed.add(UUID.fromString(f.getFileId())));
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());

    assertEquals(5, listed.size(), listed.toString());
    assertEquals(new HashSet<>(sameInstant), new HashSet<>(listed.subList(0, 3)));
    assertEquals(new HashSet<>(older), new HashSet<>(listed.subList(3, 5)));
    assertEquals(3, pages);
  }

  private static void insertReady(UUID workspace, UUID fileId, Instant createdAt) {
    server.keyspace.cql().execute(SimpleStatement.newInstance("INSERT INTO files (file_id, workspace_id, object_key,"
        + " filename, content_type, size_bytes, status, part_size, created_at, ready_at)"
        + " VALUES (?, ?, ?, 'f.txt', 'text/plain', 1, 'READY', 0, ?, ?)",
        fileId, workspace, "workspaces/" + workspace + "/files/" + fileId, createdAt, createdAt));
    server.keyspace.cql().execute(SimpleStatement.newInstance(
        "INSERT INTO files_by_workspace (workspace_id, created_at, file_id) VALUES (?, ?, ?)", workspace, createdAt, fileId));
  }
}
