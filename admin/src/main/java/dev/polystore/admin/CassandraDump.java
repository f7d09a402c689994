package dev.polystore.admin;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataTypes;
import dev.polystore.platform.cassandra.CassandraConfig;
import dev.polystore.platform.cassandra.CassandraDriverConfig;
import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.config.Env;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A service's keyspace (Cassandra or Amazon Keyspaces), paged through with the driver table by
 * table. Rows travel as their columns' raw protocol bytes ({@link CqlRowLine}), so every type comes
 * back exactly as it was, with the row's remaining TTL. Counter tables are loaded with increments,
 * as counters cannot be inserted. A scan is not a snapshot: a row written while it runs may or may
 * not be in it (Keyspaces' own point-in-time recovery is the consistent path, docs/backup.md).
 */
public final class CassandraDump implements DumpedStore {
  /** The migration runner's bookkeeping: the target's own migrations write it. */
  private static final List<String> BOOKKEEPING = List.of("schema_migrations", "schema_migration_lock");
  private static final int PAGE_SIZE = 1_000;
  private static final int IN_FLIGHT = 64;

  private final String service;
  private final String keyspace;
  private final CassandraConfig config;
  private final PrintStream out;

  public CassandraDump(String service, Map<String, String> env, String keyspace, PrintStream out) {
    Map<String, String> values = new HashMap<>(env);
    // Pages of a full scan take longer than the gateway's point reads.
    values.putIfAbsent(CassandraConfig.REQUEST_TIMEOUT_MS, "30000");
    this.service = service;
    this.keyspace = keyspace;
    this.config = CassandraConfig.fromEnv(new Env(values));
    this.out = out;
  }

  @Override
  public String kind() {
    return "cassandra";
  }

  @Override
  public Snapshot export(Path workDirectory, TableSink sink) {
    Instant began = Instant.now();
    try (CqlSession session = CqlSession.builder()
        .withConfigLoader(CassandraDriverConfig.loader(config, "polystore-admin"))
        .withKeyspace(CqlIdentifier.fromCql(keyspace)).build()) {
      String version = schemaVersion(session);
      for (TableMetadata table : tables(session)) {
        String name = table.getName().asInternal();
        Path file = workDirectory.resolve(name + ".rows.gz");
        long rows = exportTable(session, table, file);
        sink.accept(name, file, rows);
      }
      return new Snapshot(version, began);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long exportTable(CqlSession session, TableMetadata table, Path file) throws IOException {
    List<ColumnMetadata> columns = new ArrayList<>(table.getColumns().values());
    Optional<ColumnMetadata> ttlColumn = CqlRowLine.ttlColumn(table);
    StringBuilder select = new StringBuilder("SELECT ");
    select.append(String.join(", ", columns.stream().map(c -> c.getName().asCql(true)).toList()));
    ttlColumn.ifPresent(c -> select.append(", TTL(").append(c.getName().asCql(true)).append(')'));
    select.append(" FROM ").append(table.getName().asCql(true));
    String name = table.getName().asInternal();
    Progress progress = new Progress(out, service + "." + name + " export", "rows", -1);
    try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(
        new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
      writer.write(CqlRowLine.header(columns));
      writer.newLine();
      for (Row row : session.execute(SimpleStatement.newInstance(select.toString()).setPageSize(PAGE_SIZE)
          .setExecutionProfileName(CassandraDriverConfig.READS))) {
        writer.write(CqlRowLine.encode(row, columns.size(), ttlColumn.isPresent()));
        writer.newLine();
        progress.add(1);
      }
    }
    return progress.finish();
  }

  @Override
  public void load(Manifest manifest, List<Path> files, boolean replace) {
    out.printf("[%s import] migrating keyspace %s on %s%n", service, keyspace, config.describe());
    try (CassandraStore store = new CassandraStore(service, keyspace, config)) {
      store.migrate();
      CqlSession session = store.session();
      String version = schemaVersion(session);
      if (!version.equals(manifest.schemaVersion())) {
        throw new AdminFailure(service + ": keyspace " + keyspace + " is at migration " + version
            + ", the export at " + manifest.schemaVersion() + ": import with the release that made the export");
      }
      if (!replace) {
        for (Manifest.Entry entry : manifest.tables()) {
          if (session.execute("SELECT * FROM " + CqlIdentifier.fromInternal(entry.table()).asCql(true) + " LIMIT 1")
              .one() != null) {
            throw new AdminFailure(service + ": table " + keyspace + "." + entry.table() + " is not empty; import"
                + " into an empty keyspace, or pass --replace to write over it (rows of the same key are overwritten,"
                + " counters are added to)");
          }
        }
      }
      for (int i = 0; i < files.size(); i++) {
        Manifest.Entry entry = manifest.tables().get(i);
        TableMetadata table = session.getMetadata().getKeyspace(CqlIdentifier.fromInternal(keyspace))
            .flatMap(k -> k.getTable(CqlIdentifier.fromInternal(entry.table())))
            .orElseThrow(() -> new AdminFailure(service + ": the migrations made no table " + entry.table()));
        long rows = loadTable(session, table, files.get(i));
        if (rows != entry.rows()) {
          throw new AdminFailure(service + "." + entry.table() + ": loaded " + rows + " rows, the manifest says "
              + entry.rows());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long loadTable(CqlSession session, TableMetadata table, Path file) throws IOException {
    String name = table.getName().asInternal();
    Progress progress = new Progress(out, service + "." + name + " import", "rows", -1);
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      List<String> columns = CqlRowLine.columns(reader.readLine());
      CqlWrites writes = CqlWrites.prepare(session, table, columns);
      for (String line; (line = reader.readLine()) != null; ) {
        CqlRowLine row = CqlRowLine.decode(line, columns.size());
        BoundStatement statement = writes.bind(row);
        inFlight.acquireUninterruptibly();
        CompletionStage<?> done = session.executeAsync(statement);
        done.whenComplete((result, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
          inFlight.release();
        });
        if (failure.get() != null) {
          break;
        }
        progress.add(1);
      }
      inFlight.acquireUninterruptibly(IN_FLIGHT);
    }
    if (failure.get() != null) {
      throw new AdminFailure(service + "." + name + ": a write failed: " + failure.get().getMessage(), failure.get());
    }
    return progress.finish();
  }

  private List<TableMetadata> tables(CqlSession session) {
    return session.getMetadata().getKeyspace(CqlIdentifier.fromInternal(keyspace))
        .orElseThrow(() -> new AdminFailure(service + ": no keyspace " + keyspace + " on " + config.describe()))
        .getTables().values().stream()
        .filter(t -> !BOOKKEEPING.contains(t.getName().asInternal()))
        .sorted((a, b) -> a.getName().asInternal().compareTo(b.getName().asInternal()))
        .toList();
  }

  private static String schemaVersion(CqlSession session) {
    int max = 0;
    for (Row row : session.execute("SELECT version FROM schema_migrations")) {
      max = Math.max(max, row.getInt(0));
    }
    return Integer.toString(max);
  }

  @Override
  public void close() {}

  /** The statement that writes one row back: an INSERT, or an UPDATE of increments for a counter table. */
  private record CqlWrites(PreparedStatement plain, PreparedStatement withTtl, List<Integer> order) {
    static CqlWrites prepare(CqlSession session, TableMetadata table, List<String> columns) {
      String name = table.getName().asCql(true);
      List<String> keys = new ArrayList<>();
      table.getPrimaryKey().forEach(c -> keys.add(c.getName().asInternal()));
      boolean counters = table.getColumns().values().stream().anyMatch(c -> c.getType().equals(DataTypes.COUNTER));
      List<Integer> order = new ArrayList<>();
      if (counters) {
        StringBuilder update = new StringBuilder("UPDATE " + name + " SET ");
        List<String> sets = new ArrayList<>();
        List<String> wheres = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
          String cql = CqlIdentifier.fromInternal(columns.get(i)).asCql(true);
          if (!keys.contains(columns.get(i))) {
            sets.add(cql + " = " + cql + " + ?");
            order.add(i);
          }
        }
        for (int i = 0; i < columns.size(); i++) {
          if (keys.contains(columns.get(i))) {
            wheres.add(CqlIdentifier.fromInternal(columns.get(i)).asCql(true) + " = ?");
            order.add(i);
          }
        }
        update.append(String.join(", ", sets)).append(" WHERE ").append(String.join(" AND ", wheres));
        return new CqlWrites(session.prepare(update.toString()), null, order);
      }
      List<String> names = new ArrayList<>();
      List<String> marks = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        names.add(CqlIdentifier.fromInternal(columns.get(i)).asCql(true));
        marks.add("?");
        order.add(i);
      }
      String insert = "INSERT INTO " + name + " (" + String.join(", ", names) + ") VALUES (" + String.join(", ", marks) + ")";
      // Two statements: Keyspaces refuses USING TTL 0 (docs/migrations.md), so a row without TTL gets none.
      return new CqlWrites(session.prepare(insert), session.prepare(insert + " USING TTL ?"), order);
    }

    BoundStatement bind(CqlRowLine row) {
      boolean ttl = withTtl != null && row.ttl() != null && row.ttl() > 0;
      BoundStatement bound = (ttl ? withTtl : plain).bind();
      for (int p = 0; p < order.size(); p++) {
        bound = bound.setBytesUnsafe(p, row.value(order.get(p)));
      }
      if (ttl) {
        bound = bound.setInt(order.size(), row.ttl());
      }
      return bound.setIdempotent(true);
    }
  }
}
