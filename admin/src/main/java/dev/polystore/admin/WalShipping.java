package dev.polystore.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code pitr ship-wal --spool DIR --to s3://bucket/prefix [--once | --every-seconds N]}: moves the
 * WAL segments PostgreSQL's archive_command left in a spool directory to {@code wal/} in the bucket,
 * oldest first, deleting each once uploaded. archive_command itself only copies into the spool (a
 * fast local copy PostgreSQL can wait for); this shipper is the only thing that talks to S3. The
 * recovery point is therefore at most archive_timeout (a segment switch at least that often) plus
 * the shipping interval behind the last commit: RPO = archive_timeout + N seconds (docs/backup.md).
 *
 * <p>The archive_command that writes the spool atomically (a segment appears whole or not at all):
 * {@code test ! -f SPOOL/%f && cp %p SPOOL/%f.part && mv SPOOL/%f.part SPOOL/%f}.
 */
public final class WalShipping {
  private WalShipping() {}

  public static int run(AdminArgs args, Map<String, String> env, PrintStream out) {
    Path spool = Path.of(args.required("spool"));
    BackupLocation to = BackupLocation.parse("to", args.required("to"));
    int every = Integer.parseInt(args.optional("every-seconds").orElse("10"));
    try (BackupBucket bucket = new BackupBucket(env, to.bucket())) {
      int shipped = 0;
      do {
        shipped += shipOnce(spool, bucket, to, out);
        if (!args.flag("once")) {
          sleep(every);
        }
      } while (!args.flag("once"));
      return shipped;
    }
  }

  /** Ships what the spool holds now; returns how many segments. */
  public static int shipOnce(Path spool, BackupBucket bucket, BackupLocation to, PrintStream out) {
    List<Path> ready;
    try (Stream<Path> files = Files.list(spool)) {
      ready = files.filter(f -> !f.getFileName().toString().endsWith(".part")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (ready.isEmpty()) {
      return 0;
    }
    Progress progress = new Progress(out, "wal shipping", "segments", ready.size());
    for (Path segment : ready) {
      bucket.upload(segment, to.key("wal/" + segment.getFileName()));
      ExportCommand.delete(segment);
      progress.add(1);
    }
    progress.finish();
    return ready.size();
  }

  private static void sleep(int seconds) {
    try {
      Thread.sleep(seconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminFailure("interrupted");
    }
  }
}
