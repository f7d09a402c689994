package dev.polystore.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code pitr restore --from s3://bucket/prefix --data-dir DIR --target-time T}: prepares a fresh
 * data directory that, once PostgreSQL starts on it, replays the archived WAL up to time T (commits
 * at or before T are kept, later ones not) and then promotes. It takes the newest base backup that
 * finished before T, downloads the WAL archive beside the directory ({@code DIR.wal}), and writes
 * recovery.signal with restore_command, recovery_target_time and recovery_target_action. Archiving
 * is switched off in the restored server: it must not write into the source's archive.
 */
public final class PointInTimeRestore {
  /**
   * A numeric offset, not "Z": the server reads recovery_target_time before it loads the time zone
   * abbreviations, and refuses one.
   */
  private static final DateTimeFormatter RECOVERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'")
      .withZone(ZoneOffset.UTC);
  private PointInTimeRestore() {}

  public static Path run(AdminArgs args, Map<String, String> env, PrintStream out) {
    BackupLocation from = BackupLocation.parse("from", args.required("from"));
    Path dataDirectory = Path.of(args.required("data-dir")).toAbsolutePath();
    Instant target = targetTime(args.required("target-time"));
    try {
      if (Files.exists(dataDirectory) && Files.list(dataDirectory).findAny().isPresent()) {
        throw new AdminFailure(dataDirectory + " is not empty: restore into a fresh directory");
      }
      Path walDirectory = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".wal");
      try (BackupBucket bucket = new BackupBucket(env, from.bucket())) {
        BaseBackupRecord base = newestBefore(bucket, from, target);
        out.printf("[pitr restore] base backup %s (finished %s) for target %s%n", base.name(), base.stoppedAt(), target);
        Path zip = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".base.zip");
        bucket.downloadVerified(from.key(base.object()), zip, base.bytes(), base.sha256(), out, "pitr base download");
        unzip(zip, dataDirectory, out);
        ExportCommand.delete(zip);
        Files.createDirectories(walDirectory);
        List<String> segments = bucket.keys(from.key("wal/"));
        Progress wal = new Progress(out, "pitr wal download", "segments", segments.size());
        for (String key : segments) {
          bucket.download(key, walDirectory.resolve(key.substring(key.lastIndexOf('/') + 1)));
          wal.add(1);
        }
        wal.finish();
      }
      writeRecoverySettings(dataDirectory, walDirectory, target);
      out.printf("[pitr restore] %s is ready: start PostgreSQL on it; it replays WAL to %s and promotes%n",
          dataDirectory, target);
      return dataDirectory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant targetTime(String raw) {
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw new AdminFailure("--target-time must be an ISO-8601 instant such as 2026-11-29T23:00:00Z, was '" + raw + "'");
    }
  }

  private static BaseBackupRecord newestBefore(BackupBucket bucket, BackupLocation from, Instant target) {
    Optional<BaseBackupRecord> newest = bucket.keys(from.key("base/")).stream()
        .filter(key -> key.endsWith(".json"))
        .map(key -> BaseBackupRecord.fromJson(bucket.read(key).orElseThrow()))
        .filter(base -> !base.stoppedAt().isAfter(target))
        .max(Comparator.comparing(BaseBackupRecord::stoppedAt));
    return newest.orElseThrow(() -> new AdminFailure("no base backup under " + from + " finished before " + target
        + ": a point in time before the first base backup cannot be restored"));
  }

  private static void unzip(Path zip, Path dataDirectory, PrintStream out) throws IOException {
    Files.createDirectories(dataDirectory);
    Progress progress = new Progress(out, "pitr unpack", "files", -1);
    try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
        Path target = dataDirectory.resolve(entry.getName()).normalize();
        if (!target.startsWith(dataDirectory)) {
          throw new AdminFailure("base backup entry " + entry.getName() + " points outside the data directory");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(entries, target);
          progress.add(1);
        }
      }
    }
    progress.finish();
    // PostgreSQL refuses a data directory others may read.
    Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
  }

  private static void writeRecoverySettings(Path dataDirectory, Path walDirectory, Instant target) throws IOException {
    String settings = "\n# polystore-admin pitr restore\n"
        + "restore_command = 'cp \"" + walDirectory + "/%f\" \"%p\"'\n"
        + "recovery_target_time = '" + RECOVERY_TIME.format(target) + "'\n"
        + "recovery_target_action = 'promote'\n"
        + "archive_mode = 'off'\n";
    Files.writeString(dataDirectory.resolve("postgresql.auto.conf"), settings, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Files.writeString(dataDirectory.resolve("recovery.signal"), "");
  }
}
