package dev.polystore.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.protobuf.Timestamp;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.activity.v1.Event;
import dev.polystore.activity.v1.RecordEventsRequest;
import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalS3;
import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.messenger.v1.PostMessageRequest;
import dev.polystore.platform.cassandra.CassandraConfig;
import dev.polystore.platform.cassandra.CassandraDriverConfig;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.files.v1.UploadMethod;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.vector.VectorStore;
import dev.polystore.platform.vector.turbopuffer.LocalTurbopuffer;
import dev.polystore.platform.vector.turbopuffer.TurbopufferConfig;
import dev.polystore.search.v1.AttributeValue;
import dev.polystore.search.v1.Document;
import dev.polystore.search.v1.SearchServiceGrpc;
import dev.polystore.search.v1.UpsertDocumentsRequest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drill (a), docs/backup.md: data written through the gateway's APIs is exported with polystore-admin,
 * more is written, and the exports are imported into fresh stores (a PostgreSQL server of its own, a
 * new keyspace per Cassandra service, a fresh turbopuffer for search). Every table and namespace of the
 * restore holds exactly what the source held at the export: every record acknowledged before it,
 * nothing written after; and rows with a TTL keep what remained of it.
 */
class ExportImportDrillIT {
  private static final String BUCKET = "polystore-backups";
  private static final List<String> SERVICES = List.of("accounts", "messenger", "activity", "files", "search");
  private static final String TURBOPUFFER_KEY = "drill-key";

  private static DrillGateway gateway;
  private static FreshPostgres fresh;
  private static final String drill = "drill-" + UUID.randomUUID();
  private static final String restoreSuffix = "_restore_" + UUID.randomUUID().toString().substring(0, 8);
  /** Each Cassandra service into a new keyspace of its own (each has its own migrations table). */
  private static final Map<String, String> keyspaces = Map.of("activity", "activity" + restoreSuffix,
      "files", "files" + restoreSuffix);
  /** search runs on turbopuffer (the production backend, here its local stand-in); the restore goes into a fresh one. */
  private static LocalTurbopuffer sourceTurbopuffer;
  private static LocalTurbopuffer restoreTurbopuffer;
  /** Per Cassandra table with TTLs, each row's key and remaining TTL: read just before the export, and in the restore. */
  private static final Map<String, Map<String, Integer>> ttlsBeforeExport = new TreeMap<>();
  private static final Map<String, Map<String, Integer>> ttlsRestored = new TreeMap<>();
  private static double secondsFromTtlReadToCheck;
  private static final Map<String, Map<String, List<String>>> atExport = new LinkedHashMap<>();
  private static final Map<String, Map<String, List<String>>> afterMore = new LinkedHashMap<>();
  private static final Map<String, Map<String, List<String>>> restored = new LinkedHashMap<>();
  private static final Map<String, Manifest> manifests = new HashMap<>();
  private static String output;
  private static double restoreSeconds;

  @BeforeAll
  static void drill() throws Exception {
    Path turbopufferData = Files.createTempDirectory("polystore-drill-turbopuffer");
    sourceTurbopuffer = LocalTurbopuffer.start(0, turbopufferData.resolve("source"), TURBOPUFFER_KEY);
    restoreTurbopuffer = LocalTurbopuffer.start(0, turbopufferData.resolve("restore"), TURBOPUFFER_KEY);
    gateway = new DrillGateway(SERVICES, turbopuffer(sourceTurbopuffer));
    LocalS3 s3 = Devstack.s3();
    s3.createBucket(BUCKET);
    Written before = write("before");
    SERVICES.forEach(service -> atExport.put(service, contents(service, sourceEnv(), service)));
    // Let the TTLs run down a little, so that a restore which set them afresh would show it.
    Thread.sleep(3_000);
    long ttlRead = System.nanoTime();
    for (String service : keyspaces.keySet()) {
      ttlsBeforeExport.putAll(ttls(sourceEnv(), service));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true);
    for (String service : SERVICES) {
      manifests.put(service, ExportCommand.run(AdminArgs.parse("--service", service, "--to", location(service)),
          sourceEnv(), print));
    }
    write("after");
    SERVICES.forEach(service -> afterMore.put(service, contents(service, sourceEnv(), service)));

    fresh = new FreshPostgres(Files.createTempDirectory("polystore-restore-pg"));
    fresh.execute("postgres", "CREATE DATABASE accounts");
    fresh.execute("postgres", "CREATE DATABASE messenger");
    long began = System.nanoTime();
    for (String service : SERVICES) {
      ImportCommand.run(AdminArgs.parse("--service", service, "--from", location(service), "--keyspace",
          keyspaces.getOrDefault(service, service)), restoreEnv(), print);
    }
    restoreSeconds = (System.nanoTime() - began) / 1e9;
    for (String service : keyspaces.keySet()) {
      ttlsRestored.putAll(ttls(restoreEnv(), keyspaces.get(service)));
    }
    secondsFromTtlReadToCheck = (System.nanoTime() - ttlRead) / 1e9;
    SERVICES.forEach(service -> restored.put(service, contents(service, restoreEnv(),
        keyspaces.getOrDefault(service, service))));
    output = out.toString();
    System.out.print(output);
    long rows = manifests.values().stream().mapToLong(Manifest::rows).sum();
    long bytes = manifests.values().stream().flatMap(m -> m.tables().stream()).mapToLong(Manifest.Entry::bytes).sum();
    System.out.printf("DRILL restore of %d rows (%d compressed bytes) took %.1f s%n", rows, bytes, restoreSeconds);
    assertTrue(before.events > 0);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (fresh != null) {
      fresh.close();
    }
    for (LocalTurbopuffer turbopuffer : new LocalTurbopuffer[] {sourceTurbopuffer, restoreTurbopuffer}) {
      if (turbopuffer != null) {
        turbopuffer.close();
      }
    }
  }

  @Test
  void importedRowsKeepTheirRemainingTtl() {
    // activity's events expire after the retention, files' pending uploads after the pending TTL.
    assertTrue(ttlsBeforeExport.keySet().stream().anyMatch(k -> k.startsWith("activity.")), ttlsBeforeExport.toString());
    assertTrue(ttlsBeforeExport.keySet().stream().anyMatch(k -> k.startsWith("files.")), ttlsBeforeExport.toString());
    for (var table : ttlsBeforeExport.entrySet()) {
      String restoredTable = table.getKey();
      Map<String, Integer> after = ttlsRestored.get(restoredTable);
      assertTrue(after != null, "no TTLs restored in " + restoredTable);
      table.getValue().forEach((key, ttl) -> {
        Integer kept = after.get(key);
        assertTrue(kept != null, restoredTable + " " + key + " lost its TTL");
        assertTrue(kept <= ttl && kept >= ttl - secondsFromTtlReadToCheck - 1,
            restoredTable + " " + key + ": TTL " + ttl + " before the export, " + kept + " restored "
                + secondsFromTtlReadToCheck + " s later");
      });
    }
  }

  @Test
  void theRestoreHoldsExactlyWhatTheSourceHeldAtTheExport() {
    for (String service : SERVICES) {
      assertEquals(atExport.get(service), restored.get(service), service);
      // The later writes landed in the source, and did not reach the restore.
      assertNotEquals(atExport.get(service), afterMore.get(service), service + ": the writes after the export");
    }
  }

  @Test
  void everyRecordWrittenBeforeTheExportIsBackAndNoneAfter() {
    String users = String.join("\n", restored.get("accounts").get("users"));
    assertTrue(users.contains("before@drill.example"), users);
    assertTrue(!users.contains("after@drill.example"), users);
    String messages = String.join("\n", restored.get("messenger").get("messages"));
    assertTrue(messages.contains("before-1") && messages.contains("before-2"), messages);
    assertTrue(!messages.contains("after-1"), messages);
    String events = String.join("\n", restored.get("activity").get("event_ids"));
    assertTrue(events.contains("ev-before-1") && !events.contains("ev-after-1"), events);
    String files = String.join("\n", restored.get("files").get("files"));
    assertTrue(files.contains("before.pdf") && !files.contains("after.pdf"), files);
    String documents = restored.get("search").toString();
    assertTrue(documents.contains("doc-before-1") && documents.contains("before text 2") && !documents.contains("doc-after"),
        documents);
  }

  @Test
  void theManifestNamesEveryTableWithRowsAndChecksums() {
    Manifest accounts = manifests.get("accounts");
    assertEquals("postgresql", accounts.store());
    assertEquals(List.of("users", "workspaces"), accounts.tables().stream().map(Manifest.Entry::table)
        .filter(t -> t.equals("users") || t.equals("workspaces")).toList(), "users before workspaces (foreign key)");
    assertEquals("4", accounts.schemaVersion(), "accounts has migrations V1 to V4 (V4: the event outbox)");
    for (Manifest manifest : manifests.values()) {
      for (Manifest.Entry entry : manifest.tables()) {
        assertEquals(64, entry.sha256().length(), entry.toString());
        assertEquals(atExport.get(manifest.service()).get(entry.table()).size(), entry.rows(), entry.toString());
      }
    }
    assertTrue(output.contains("rows/s") && output.contains("bytes/s"), "progress lines");
  }

  @Test
  void aNonEmptyTargetIsRefused() {
    AdminFailure refused = assertThrows(AdminFailure.class, () -> ImportCommand.run(AdminArgs.parse("--service",
        "accounts", "--from", location("accounts")), restoreEnv(), new PrintStream(new ByteArrayOutputStream())));
    assertTrue(refused.getMessage().contains("is not empty"), refused.getMessage());
  }

  @Test
  void aDamagedObjectIsRefusedBeforeAnythingIsWritten() throws Exception {
    String copy = "s3://" + BUCKET + "/" + drill + "/damaged";
    try (BackupBucket bucket = new BackupBucket(sourceEnv(), BUCKET)) {
      for (String key : bucket.keys(drill + "/accounts/")) {
        Path file = Files.createTempFile("drill", ".obj");
        bucket.download(key, file);
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.startsWith("users.")) {
          Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        }
        bucket.upload(file, drill + "/damaged/" + name);
      }
    }
    fresh.execute("postgres", "CREATE DATABASE accounts_damaged");
    AdminFailure refused = assertThrows(AdminFailure.class, () -> ImportCommand.run(AdminArgs.parse("--service",
        "accounts", "--from", copy, "--database", "accounts_damaged"), restoreEnv(),
        new PrintStream(new ByteArrayOutputStream())));
    assertTrue(refused.getMessage().contains("damaged") && refused.getMessage().contains("nothing was restored"), refused.getMessage());
    try (Connection connection = fresh.connect("accounts_damaged"); Statement statement = connection.createStatement();
         ResultSet tables = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
      tables.next();
      assertEquals(0, tables.getInt(1), "not even migrated");
    }
  }

  @Test
  void anExportWithoutItsManifestIsNotImported() {
    AdminFailure refused = assertThrows(AdminFailure.class, () -> ImportCommand.run(AdminArgs.parse("--service",
        "accounts", "--from", "s3://" + BUCKET + "/" + drill + "/nothing-here"), restoreEnv(),
        new PrintStream(new ByteArrayOutputStream())));
    assertTrue(refused.getMessage().contains("never finished"), refused.getMessage());
  }

  private record Written(int events) {}

  /** A user, a workspace, a room with two messages and two events, all named after {@code phase}. */
  private static Written write(String phase) {
    var accounts = AccountsServiceGrpc.newBlockingStub(gateway.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    String userId = accounts.createUser(CreateUserRequest.newBuilder().setEmail(phase + "@drill.example")
        .setDisplayName(phase).build()).getUser().getUserId();
    String workspaceId = accounts.createWorkspace(CreateWorkspaceRequest.newBuilder().setSlug("drill-" + phase)
        .setName("drill " + phase).setOwnerUserId(userId).build()).getWorkspace().getWorkspaceId();
    var messenger = MessengerServiceGrpc.newBlockingStub(gateway.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    String roomId = messenger.createRoom(CreateRoomRequest.newBuilder().setWorkspaceId(workspaceId).setName("room " + phase)
        .addMemberUserIds(userId).setRequestId(UUID.randomUUID().toString()).build()).getRoom().getRoomId();
    for (int i = 1; i <= 2; i++) {
      messenger.postMessage(PostMessageRequest.newBuilder().setWorkspaceId(workspaceId).setRoomId(roomId)
          .setAuthorId(userId).setBody("message " + phase + " " + i).setClientMessageId(phase + "-" + i).build());
    }
    RecordEventsRequest.Builder events = RecordEventsRequest.newBuilder();
    Instant now = Instant.now();
    for (int i = 1; i <= 2; i++) {
      events.addEvents(Event.newBuilder().setEventId("ev-" + phase + "-" + i).setWorkspaceId(workspaceId)
          .setActorId(userId).setType("drill." + phase).setOccurredAt(Timestamp.newBuilder()
              .setSeconds(now.getEpochSecond()).setNanos(now.getNano() / 1_000_000 * 1_000_000)));
    }
    ActivityServiceGrpc.newBlockingStub(gateway.channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .recordEvents(events.build());
    // A PENDING upload: its rows carry the pending TTL.
    FilesServiceGrpc.newBlockingStub(gateway.channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .createUpload(CreateUploadRequest.newBuilder().setWorkspaceId(workspaceId).setFilename(phase + ".pdf")
            .setContentType("application/pdf").setSizeBytes(1234).setMethod(UploadMethod.UPLOAD_METHOD_PUT)
            .setRequestId(UUID.randomUUID().toString()).build());
    UpsertDocumentsRequest.Builder documents = UpsertDocumentsRequest.newBuilder().setWorkspaceId(workspaceId);
    for (int i = 1; i <= 2; i++) {
      documents.addDocuments(Document.newBuilder().setId("doc-" + phase + "-" + i).setText(phase + " text " + i)
          .addAllVector(vector(i))
          .putAttributes("n", AttributeValue.newBuilder().setIntValue(i).build()));
    }
    SearchServiceGrpc.newBlockingStub(gateway.channel).withDeadlineAfter(60, TimeUnit.SECONDS)
        .upsertDocuments(documents.build());
    return new Written(2);
  }

  /**
   * A vector of the embedder's 384 dimensions: the workspace's namespace also holds its chat
   * messages, which search indexes from messenger's events with embedded (384-d) vectors, and a
   * namespace has one dimension.
   */
  private static List<Float> vector(int i) {
    List<Float> vector = new java.util.ArrayList<>(java.util.Collections.nCopies(384, 0.5f));
    vector.set(0, 1f);
    vector.set(1, (float) i);
    return vector;
  }

  private static String location(String service) {
    return "s3://" + BUCKET + "/" + drill + "/" + service;
  }

  /** devstack's stores and the source turbopuffer; S3Proxy refuses the encryption header (Encryption). */
  private static Map<String, String> sourceEnv() {
    Map<String, String> env = new HashMap<>(Devstack.env());
    env.put(Encryption.MODE, "none");
    env.putAll(turbopuffer(sourceTurbopuffer));
    return env;
  }

  private static Map<String, String> turbopuffer(LocalTurbopuffer server) {
    return Map.of("VECTOR_BACKEND", "turbopuffer", TurbopufferConfig.BASE_URL, server.baseUrl().toString(),
        TurbopufferConfig.API_KEY, TURBOPUFFER_KEY);
  }

  /** Each row's primary key and the remaining TTL of the column the export reads it from, per "keyspace-service.table". */
  private static Map<String, Map<String, Integer>> ttls(Map<String, String> env, String keyspace) {
    String service = keyspace.contains("_restore_") ? keyspace.substring(0, keyspace.indexOf("_restore_")) : keyspace;
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    CassandraConfig config = CassandraConfig.fromEnv(new Env(env));
    try (CqlSession session = CqlSession.builder().withConfigLoader(CassandraDriverConfig.loader(config, "drill"))
        .withKeyspace(CqlIdentifier.fromInternal(keyspace)).build()) {
      for (var table : session.getMetadata().getKeyspace(CqlIdentifier.fromInternal(keyspace)).orElseThrow()
          .getTables().values()) {
        var column = CqlRowLine.ttlColumn(table);
        // An outbox lease is renewed by the running gateway's relay (a new TTL) between this read
        // and the export, so its TTL may grow; the checked TTLs are those nothing renews.
        if (column.isEmpty() || table.getName().asInternal().startsWith("schema_migration")
            || table.getName().asInternal().equals("outbox_leases")) {
          continue;
        }
        String keys = String.join(", ", table.getPrimaryKey().stream().map(c -> c.getName().asCql(true)).toList());
        Map<String, Integer> rows = new TreeMap<>();
        for (Row row : session.execute("SELECT " + keys + ", TTL(" + column.get().getName().asCql(true) + ") FROM "
            + table.getName().asCql(true))) {
          if (!row.isNull(table.getPrimaryKey().size())) {
            List<String> key = new ArrayList<>();
            for (int i = 0; i < table.getPrimaryKey().size(); i++) {
              key.add(String.valueOf(row.getObject(i)));
            }
            rows.put(String.join("|", key), row.getInt(table.getPrimaryKey().size()));
          }
        }
        if (!rows.isEmpty()) {
          out.put(service + "." + table.getName().asInternal(), rows);
        }
      }
    }
    return out;
  }

  /** The fresh PostgreSQL instead of devstack's; the same Cassandra (the import names the new keyspace). */
  private static Map<String, String> restoreEnv() {
    Map<String, String> env = sourceEnv();
    env.put("POSTGRES_WRITER_CONN", fresh.connectionUrl());
    env.putAll(turbopuffer(restoreTurbopuffer));
    return env;
  }

  /** Every row of every data table, as text, sorted: two stores hold the same data when these are equal. */
  private static Map<String, List<String>> contents(String service, Map<String, String> env, String name) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    if (service.equals("search")) {
      // Every namespace's documents whole, in id order.
      try (VectorStore store = VectorBackends.fromGatewaySettings(env)) {
        for (String namespace : store.namespaces(VectorBackends.DEFAULT_SEARCH_PREFIX)) {
          tables.put(namespace, store.documents(namespace, null, 1_000).stream().map(d -> d.id() + " "
              + java.util.Arrays.toString(d.vector()) + " " + d.text() + " " + new TreeMap<>(d.attributes())).toList());
        }
      }
      return tables;
    }
    if (ServiceStores.POSTGRES.contains(service)) {
      try (PostgresSource source = new PostgresSource(env, name); Connection connection = source.connect();
           Statement statement = connection.createStatement()) {
        for (String table : TableOrder.of(connection)) {
          List<String> rows = new ArrayList<>();
          try (ResultSet result = statement.executeQuery("SELECT t::text FROM " + table + " t ORDER BY 1")) {
            while (result.next()) {
              rows.add(result.getString(1));
            }
          }
          tables.put(table, rows);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return tables;
    }
    CassandraConfig config = CassandraConfig.fromEnv(new Env(env));
    try (CqlSession session = CqlSession.builder().withConfigLoader(CassandraDriverConfig.loader(config, "drill"))
        .withKeyspace(CqlIdentifier.fromInternal(name)).build()) {
      for (var table : session.getMetadata().getKeyspace(CqlIdentifier.fromInternal(name)).orElseThrow()
          .getTables().keySet()) {
        String tableName = table.asInternal();
        if (tableName.startsWith("schema_migration")) {
          continue;
        }
        tables.put(tableName, session.execute("SELECT * FROM " + table.asCql(true)).all().stream()
            .map(Row::getFormattedContents).sorted().toList());
      }
    }
    return new java.util.TreeMap<>(tables);
  }
}
