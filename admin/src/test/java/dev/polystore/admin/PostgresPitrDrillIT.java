package dev.polystore.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drill (b), docs/backup.md: point-in-time restore of PostgreSQL from a base backup and WAL archived
 * in the local S3. A server archives WAL into a spool that polystore-admin ships to S3; after a base
 * backup, one row is committed, then (a second later) another; the restore to a time between the
 * two commits, into a fresh data directory, has the first row and not the second.
 */
class PostgresPitrDrillIT {
  private static final String BUCKET = "polystore-wal";
  private static FreshPostgres source;
  private static FreshPostgres restored;
  private static Path spool;
  private static String location;
  private static Instant target;
  private static double restoreSeconds;
  private static String output;
  private static List<String> restoredRows;

  @BeforeAll
  static void drill() throws Exception {
    Devstack.s3().createBucket(BUCKET);
    location = "s3://" + BUCKET + "/pitr-" + UUID.randomUUID();
    Path root = Files.createTempDirectory("polystore-pitr");
    spool = Files.createDirectories(root.resolve("spool"));
    source = new FreshPostgres(root.resolve("source"));
    // The archive_command of docs/backup.md: a whole segment appears in the spool, or none.
    source.execute("postgres", "ALTER SYSTEM SET archive_mode = on");
    source.execute("postgres", "ALTER SYSTEM SET archive_command = 'test ! -f " + spool + "/%f && cp %p " + spool
        + "/%f.part && mv " + spool + "/%f.part " + spool + "/%f'");
    source.stop();
    source.start();
    source.execute("postgres", "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true);
    BaseBackup.run(AdminArgs.parse("--data-dir", source.dataDirectory.toString(), "--to", location), env(source), print);

    source.execute("postgres", "INSERT INTO notes VALUES (1, 'acknowledged before the target')");
    Thread.sleep(1_000);
    target = serverNow();
    Thread.sleep(1_000);
    source.execute("postgres", "INSERT INTO notes VALUES (2, 'committed after the target')");
    switchAndAwaitArchived();
    WalShipping.run(AdminArgs.parse("--spool", spool.toString(), "--to", location, "--once"), env(source), print);

    long began = System.nanoTime();
    Path restoredDirectory = root.resolve("restored");
    PointInTimeRestore.run(AdminArgs.parse("--from", location, "--data-dir", restoredDirectory.toString(),
        "--target-time", target.toString()), env(source), print);
    restored = new FreshPostgres(restoredDirectory);
    awaitPromoted();
    restoreSeconds = (System.nanoTime() - began) / 1e9;
    restoredRows = rows(restored);
    output = out.toString();
    System.out.print(output);
    System.out.printf("DRILL point-in-time restore (base backup + WAL, replay, promote) took %.1f s%n", restoreSeconds);
  }

  @AfterAll
  static void stop() {
    if (restored != null) {
      restored.close();
    }
    if (source != null) {
      source.close();
    }
  }

  @Test
  void theRowCommittedBeforeTheTargetIsBackAndTheOneAfterIsNot() throws SQLException {
    assertEquals(List.of("1 acknowledged before the target"), restoredRows);
    assertEquals(2, rows(source).size(), "the source has both");
  }

  @Test
  void theRestoredServerIsPromotedAndTakesWrites() throws SQLException {
    restored.execute("postgres", "INSERT INTO notes VALUES (3, 'written to the restore')");
    assertTrue(rows(restored).contains("3 written to the restore"));
  }

  @Test
  void theSpoolIsEmptiedIntoTheBucket() throws Exception {
    try (var files = Files.list(spool)) {
      assertEquals(0, files.count(), "every archived segment shipped");
    }
    try (BackupBucket bucket = new BackupBucket(env(source), BUCKET)) {
      String prefix = BackupLocation.parse("from", location).key("wal/");
      assertFalse(bucket.keys(prefix).isEmpty());
    }
    assertTrue(output.contains("[wal shipping]") && output.contains("[base backup copy]"), output);
  }

  @Test
  void aTimeBeforeTheFirstBaseBackupIsRefused() throws Exception {
    Path directory = Files.createTempDirectory("polystore-pitr-too-early").resolve("data");
    AdminFailure refused = assertThrows(AdminFailure.class, () -> PointInTimeRestore.run(AdminArgs.parse(
        "--from", location, "--data-dir", directory.toString(), "--target-time", "2020-01-01T00:00:00Z"),
        env(source), new PrintStream(new ByteArrayOutputStream())));
    assertTrue(refused.getMessage().contains("no base backup"), refused.getMessage());
  }

  private static Map<String, String> env(FreshPostgres postgres) {
    Map<String, String> env = new HashMap<>(Devstack.env());
    env.put("POSTGRES_WRITER_CONN", postgres.connectionUrl());
    env.put(Encryption.MODE, "none");
    return env;
  }

  private static Instant serverNow() throws SQLException {
    try (Connection connection = source.connect("postgres"); Statement statement = connection.createStatement();
         ResultSet now = statement.executeQuery("SELECT clock_timestamp()")) {
      now.next();
      return now.getTimestamp(1).toInstant();
    }
  }

  /** Closes the current WAL segment (holding the second commit) and waits until archive_command took it. */
  private static void switchAndAwaitArchived() throws Exception {
    String segment;
    try (Connection connection = source.connect("postgres"); Statement statement = connection.createStatement()) {
      try (ResultSet switched = statement.executeQuery("SELECT pg_walfile_name(pg_switch_wal())")) {
        switched.next();
        segment = switched.getString(1);
      }
      long end = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < end) {
        try (ResultSet archived = statement.executeQuery("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")) {
          archived.next();
          if (archived.getString(1).compareTo(segment) >= 0) {
            return;
          }
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("segment " + segment + " was not archived within 60 s");
  }

  private static void awaitPromoted() throws Exception {
    long end = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < end) {
      try (Connection connection = restored.connect("postgres"); Statement statement = connection.createStatement();
           ResultSet recovering = statement.executeQuery("SELECT pg_is_in_recovery()")) {
        recovering.next();
        if (!recovering.getBoolean(1)) {
          return;
        }
      } catch (SQLException starting) {
        // still replaying
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the restored server did not finish recovery within 120 s");
  }

  private static List<String> rows(FreshPostgres postgres) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("SELECT id, body FROM notes ORDER BY id")) {
      while (result.next()) {
        rows.add(result.getInt(1) + " " + result.getString(2));
      }
    }
    return rows;
  }
}
