package dev.polystore.admin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code import --service S --from s3://bucket/prefix [--replace]}: reads the manifest, downloads
 * every object and checks its SHA-256 before anything is written, then migrates the target to the
 * export's schema version and loads the tables. A non-empty target is refused unless {@code --replace}.
 */
public final class ImportCommand {
  private ImportCommand() {}

  public static Manifest run(AdminArgs args, Map<String, String> env, PrintStream out) {
    String service = args.required("service");
    BackupLocation from = BackupLocation.parse("from", args.required("from"));
    Path work = ExportCommand.temporaryDirectory("polystore-import-");
    try (BackupBucket bucket = new BackupBucket(env, from.bucket())) {
      Manifest manifest = Manifest.fromJson(bucket.read(from.key(Manifest.NAME)).orElseThrow(() -> new AdminFailure(
          "no " + Manifest.NAME + " under " + from + ": no export there, or one that never finished")));
      if (!manifest.service().equals(service)) {
        throw new AdminFailure(from + " holds an export of " + manifest.service() + ", not " + service);
      }
      List<Path> files = new ArrayList<>();
      for (Manifest.Entry entry : manifest.tables()) {
        Path file = work.resolve(entry.object());
        bucket.downloadVerified(from.key(entry.object()), file, entry.bytes(), entry.sha256(), out,
            service + "." + entry.table() + " download");
        files.add(file);
      }
      out.printf("[%s import] %d objects verified against the manifest%n", service, files.size());
      try (DumpedStore store = ServiceStores.open(service, args, env, out)) {
        if (!store.kind().equals(manifest.store())) {
          throw new AdminFailure(from + " is a " + manifest.store() + " export, " + service + " is on " + store.kind());
        }
        store.load(manifest, files, args.flag("replace"));
      }
      out.printf("[%s import] %,d rows in %d tables from %s (export of %s)%n", service, manifest.rows(),
          files.size(), from, manifest.createdAt());
      return manifest;
    } finally {
      ExportCommand.deleteTree(work);
    }
  }
}
