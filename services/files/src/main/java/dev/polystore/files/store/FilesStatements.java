package dev.polystore.files.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * The files keyspace's statements, prepared once per session. Amazon Keyspaces' documented CQL
 * only (tools/checks' CQL compatibility check): one statement it refuses would fail the whole set.
 * So no TTL on files or their list entries (whether an UPDATE clears an INSERT's TTL on Keyspaces
 * is undocumented, and {@code USING TTL 0} is not in its grammar): an abandoned upload is deleted by
 * the cleanup, from its note in pending_uploads, the only row with a TTL. And no multi-column
 * slice for keyset pages: the rest of the position's instant, then older instants.
 */
record FilesStatements(
    PreparedStatement insertFile,
    PreparedStatement insertListEntry,
    PreparedStatement insertPendingNote,
    PreparedStatement markReady,
    PreparedStatement selectFile,
    PreparedStatement selectFirstPage,
    PreparedStatement selectRestOfInstant,
    PreparedStatement selectOlder,
    PreparedStatement deleteFile,
    PreparedStatement deleteListEntry,
    PreparedStatement selectDue,
    PreparedStatement deletePendingNote,
    PreparedStatement selectRequest,
    PreparedStatement claimRequest,
    PreparedStatement releaseRequest) {

  static final String FILE_COLUMNS = "file_id, workspace_id, object_key, filename, content_type, size_bytes, sha256,"
      + " status, upload_id, part_size, part_checksums, created_at, ready_at";

  static FilesStatements prepare(CqlSession session) {
    return new FilesStatements(
        session.prepare("INSERT INTO files (" + FILE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        session.prepare("INSERT INTO files_by_workspace (workspace_id, created_at, file_id) VALUES (?, ?, ?)"),
        session.prepare("INSERT INTO pending_uploads (due_hour, file_id, workspace_id, object_key, upload_id, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?) USING TTL ?"),
        // Every column again: a row that the previous release wrote with a TTL keeps no cell that
        // expires. The condition keeps a file deleted meanwhile from coming back.
        session.prepare("UPDATE files SET workspace_id = ?, object_key = ?, filename = ?, content_type = ?,"
            + " size_bytes = ?, sha256 = ?, status = 'READY', upload_id = ?, part_size = ?, part_checksums = ?,"
            + " created_at = ?, ready_at = ?"
            + " WHERE file_id = ? IF status = 'PENDING'"),
        session.prepare("SELECT " + FILE_COLUMNS + " FROM files WHERE file_id = ?"),
        session.prepare("SELECT file_id FROM files_by_workspace WHERE workspace_id = ? LIMIT ?"),
        session.prepare("SELECT file_id FROM files_by_workspace WHERE workspace_id = ?"
            + " AND created_at = ? AND file_id < ? LIMIT ?"),
        session.prepare("SELECT file_id FROM files_by_workspace WHERE workspace_id = ? AND created_at < ? LIMIT ?"),
        session.prepare("DELETE FROM files WHERE file_id = ?"),
        session.prepare("DELETE FROM files_by_workspace WHERE workspace_id = ? AND created_at = ? AND file_id = ?"),
        session.prepare("SELECT file_id, workspace_id, object_key, upload_id, expires_at FROM pending_uploads"
            + " WHERE due_hour = ?"),
        session.prepare("DELETE FROM pending_uploads WHERE due_hour = ? AND file_id = ?"),
        session.prepare("SELECT request_id, workspace_id, file_id FROM upload_requests WHERE request_id = ?"),
        session.prepare("INSERT INTO upload_requests (request_id, workspace_id, file_id) VALUES (?, ?, ?)"
            + " IF NOT EXISTS USING TTL ?"),
        session.prepare("DELETE FROM upload_requests WHERE request_id = ? IF file_id = ?"));
  }
}
