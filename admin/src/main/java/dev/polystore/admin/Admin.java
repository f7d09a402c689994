package dev.polystore.admin;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The commands of polystore-admin; {@link AdminMain} turns their failures into exit codes. */
public final class Admin {
  static final String USAGE = """
      usage: polystore-admin COMMAND [options]   (store settings from the gateway's environment)
        export --service accounts|messenger|activity|files --to s3://bucket/prefix [--database D | --keyspace K]
        import --service accounts|messenger|activity|files --from s3://bucket/prefix [--replace] [--database D | --keyspace K]
        pitr base-backup --data-dir DIR --to s3://bucket/prefix         (superuser POSTGRES_WRITER_CONN, same host)
        pitr ship-wal --spool DIR --to s3://bucket/prefix [--once | --every-seconds N]
        pitr restore --from s3://bucket/prefix --data-dir DIR --target-time ISO-8601
      {now} in --to becomes the export's start time (UTC); --replace lets an import write over a non-empty target
      encryption: BACKUP_SSE (aws:kms, default, or AES256), BACKUP_KMS_KEY_ID""";

  private Admin() {}

  public static void run(AdminArgs args, Map<String, String> env, PrintStream out) {
    List<String> command = args.command();
    String name = String.join(" ", command);
    switch (name) {
      case "export" -> ExportCommand.run(args, env, out);
      case "import" -> ImportCommand.run(args, env, out);
      case "pitr base-backup" -> BaseBackup.run(args, env, out);
      case "pitr ship-wal" -> WalShipping.run(args, env, out);
      case "pitr restore" -> PointInTimeRestore.run(args, env, out);
      default -> throw new AdminFailure((name.isEmpty() ? "no command" : "unknown command '" + name + "'") + "\n" + USAGE);
    }
  }
}
