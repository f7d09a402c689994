package dev.polystore.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code export --service S --to s3://bucket/prefix}: every table of the service, one gzip object a
 * table, each uploaded (encrypted) as soon as it is written, then the manifest with the objects'
 * SHA-256 last, so an export cut short has no manifest and no import takes it.
 */
public final class ExportCommand {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private ExportCommand() {}

  public static Manifest run(AdminArgs args, Map<String, String> env, PrintStream out) {
    String service = args.required("service");
    BackupLocation to = BackupLocation.parse("to", withTime(args.required("to"), Instant.now()));
    Path work = temporaryDirectory("polystore-export-");
    try (BackupBucket bucket = new BackupBucket(env, to.bucket());
         DumpedStore store = ServiceStores.open(service, args, env, out)) {
      if (bucket.read(to.key(Manifest.NAME)).isPresent()) {
        throw new AdminFailure(to + " already holds an export; give each export a prefix of its own");
      }
      List<Manifest.Entry> entries = new ArrayList<>();
      DumpedStore.Snapshot snapshot = store.export(work, (table, file, rows) -> {
        String object = table + file.getFileName().toString().substring(table.length());
        long bytes = size(file);
        String sha256 = Sha256.of(file);
        bucket.upload(file, to.key(object), out, service + "." + table + " upload");
        entries.add(new Manifest.Entry(table, object, rows, bytes, sha256));
        delete(file);
      });
      Manifest manifest = new Manifest(Manifest.FORMAT, service, store.kind(), snapshot.schemaVersion(),
          snapshot.takenAt(), entries);
      bucket.upload(manifest.toJson(), to.key(Manifest.NAME));
      out.printf("[%s export] %,d rows in %d tables to %s, schema version %s, as of %s%n", service, manifest.rows(),
          entries.size(), to, manifest.schemaVersion(), manifest.createdAt());
      return manifest;
    } finally {
      deleteTree(work);
    }
  }

  /**
   * {@code {now}} in the location becomes the start time (UTC, 20261129T033000Z), so a scheduled
   * export, whose command is fixed, writes each run under a prefix of its own.
   */
  static String withTime(String location, Instant now) {
    return location.replace("{now}", STAMP.format(now));
  }

  static Path temporaryDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(ExportCommand::delete);
    } catch (IOException | UncheckedIOException e) {
      // A temporary directory left behind is not worth failing a finished export for.
    }
  }
}
