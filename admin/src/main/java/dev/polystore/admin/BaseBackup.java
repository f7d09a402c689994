package dev.polystore.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code pitr base-backup --data-dir DIR --to s3://bucket/prefix}: a base backup of a self-run
 * PostgreSQL through its low-level API ({@code pg_backup_start}, copy the data directory,
 * {@code pg_backup_stop}, whose backup_label goes into the copy), uploaded as one zip. Not
 * pg_basebackup: no pg_basebackup of the server's version exists on our machines (PITFALLS.md).
 * It runs on the server's host (it reads the data directory) as a superuser. Aurora needs none of
 * this: its own backups give point-in-time restore (docs/backup.md).
 */
public final class BaseBackup {
  /** Not part of a base backup, as PostgreSQL's documentation lists them: made afresh or replayed from WAL. */
  private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
      "tablespace_map", "pg_internal.init");
  private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp",
      "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private BaseBackup() {}

  public static BaseBackupRecord run(AdminArgs args, Map<String, String> env, PrintStream out) {
    Path dataDirectory = Path.of(args.required("data-dir")).toAbsolutePath();
    if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
      throw new AdminFailure(dataDirectory + " is not a PostgreSQL data directory (no PG_VERSION)");
    }
    BackupLocation to = BackupLocation.parse("to", args.required("to"));
    Path work = ExportCommand.temporaryDirectory("polystore-base-");
    try (PostgresSource source = new PostgresSource(env, "postgres");
         BackupBucket bucket = new BackupBucket(env, to.bucket());
         Connection connection = source.connect()) {
      Instant startedAt = Instant.now();
      String name = NAME.format(startedAt);
      Path zip = work.resolve(name + ".zip");
      String stopLsn;
      // Start and stop must be on the same connection: the backup belongs to the session.
      try (PreparedStatement start = connection.prepareStatement("SELECT pg_backup_start(?, true)")) {
        start.setString(1, "polystore-admin " + name);
        start.execute();
      }
      out.printf("[base backup] started on %s, copying %s%n", source.describe(), dataDirectory);
      try (ZipOutputStream archive = new ZipOutputStream(Files.newOutputStream(zip))) {
        Progress progress = new Progress(out, "base backup copy", "files", -1);
        copyTree(dataDirectory, archive, progress);
        progress.finish();
        // Waits until the WAL the backup needs is archived (archive_command has taken it).
        try (PreparedStatement stop = connection.prepareStatement(
            "SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(true)");
             ResultSet rows = stop.executeQuery()) {
          rows.next();
          stopLsn = rows.getString(1);
          add(archive, "backup_label", rows.getString(2).getBytes(StandardCharsets.UTF_8));
          String map = rows.getString(3);
          if (map != null && !map.isEmpty()) {
            add(archive, "tablespace_map", map.getBytes(StandardCharsets.UTF_8));
          }
        }
      }
      Instant stoppedAt = Instant.now();
      long bytes = ExportCommand.size(zip);
      BaseBackupRecord record = new BaseBackupRecord(name, "base/" + name + ".zip", Sha256.of(zip), bytes, stopLsn,
          startedAt, stoppedAt);
      bucket.upload(zip, to.key(record.object()), out, "base backup upload");
      bucket.upload(record.toJson(), to.key("base/" + name + ".json"));
      out.printf("[base backup] %s: %,d bytes, WAL up to %s needed, restorable to any time from %s on%n",
          to.key(record.object()), bytes, stopLsn, stoppedAt);
      return record;
    } catch (SQLException e) {
      throw new AdminFailure("base backup failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      ExportCommand.deleteTree(work);
    }
  }

  private static void copyTree(Path root, ZipOutputStream archive, Progress progress) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path path : paths) {
      Path relative = root.relativize(path);
      if (relative.toString().isEmpty() || skipped(relative)) {
        continue;
      }
      String entry = relative.toString().replace('\\', '/');
      if (Files.isDirectory(path)) {
        archive.putNextEntry(new ZipEntry(entry + "/"));
        archive.closeEntry();
        continue;
      }
      try (var in = Files.newInputStream(path)) {
        archive.putNextEntry(new ZipEntry(entry));
        in.transferTo(archive); // a file written meanwhile may be torn: WAL replay repairs it
        archive.closeEntry();
      } catch (NoSuchFileException gone) {
        continue; // dropped while we copied (a temporary file): WAL replay does not need it
      }
      progress.add(1);
    }
  }

  private static boolean skipped(Path relative) {
    if (SKIPPED_FILES.contains(relative.getFileName().toString())) {
      return true;
    }
    // The directories themselves are kept (PostgreSQL needs them), their contents not.
    return relative.getNameCount() > 1 && EMPTIED_DIRECTORIES.contains(relative.getName(0).toString());
  }

  private static void add(ZipOutputStream archive, String name, byte[] bytes) throws IOException {
    archive.putNextEntry(new ZipEntry(name));
    OutputStream entry = archive;
    entry.write(bytes);
    archive.closeEntry();
  }
}
