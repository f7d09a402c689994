package dev.polystore.local;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalCassandra;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.devstack.LocalS3;
import dev.polystore.search.v1.SearchHit;
import dev.polystore.search.v1.SearchServiceGrpc;
import io.grpc.Channel;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What every store holds, read from the stores themselves (not through the gateway), except search,
 * whose embedded engine lives in the gateway's process and is read with a Query as admin:
 * <ul>
 *   <li>PostgreSQL, databases accounts and messenger: every row of every table;
 *   <li>Cassandra, keyspaces activity and files: every row of every table;
 *   <li>S3: the keys of the objects in the bucket;
 *   <li>Valkey: every key with its value (DUMP). Keys expire on their own (typing marks, presence,
 *       rate-limit windows), so "unchanged" means no new key and no changed value;
 *   <li>search: the hits of a query for everything, per workspace.
 * </ul>
 */
record StoreSnapshot(Map<String, List<String>> postgres, Map<String, List<String>> cassandra, List<String> s3,
    Map<String, String> valkey, Map<String, String> search) {

  static final List<String> DATABASES = List.of("accounts", "messenger");
  static final List<String> KEYSPACES = List.of("activity", "files");

  /** Reads every store now; {@code admin} is a channel carrying the admin credential. */
  /**
   * A snapshot once the stores have settled: the event bus carries writes on to other services
   * after the calls returned (the relay marks outbox rows sent, search indexes messages, activity
   * records the audit trail), so snapshots are taken a second apart until two are the same.
   */
  static StoreSnapshot settled(Channel admin, List<String> workspaceIds) throws InterruptedException {
    StoreSnapshot last = take(admin, workspaceIds);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      Thread.sleep(1000);
      StoreSnapshot next = take(admin, workspaceIds);
      if (last.changesIn(next).isEmpty()) {
        return next;
      }
      last = next;
    }
    throw new IllegalStateException("the stores did not settle within 60 s");
  }

  static StoreSnapshot take(Channel admin, List<String> workspaceIds) {
    return new StoreSnapshot(readPostgres(), readCassandra(), Devstack.s3().objectKeys(LocalS3.BUCKET), readValkey(),
        readSearch(admin, workspaceIds));
  }

  /** How {@code after} differs from this snapshot, one line per difference; empty when nothing changed. */
  List<String> changesIn(StoreSnapshot after) {
    List<String> out = new ArrayList<>();
    compare("postgres", postgres, after.postgres, out);
    compare("cassandra", cassandra, after.cassandra, out);
    if (!s3.equals(after.s3)) {
      out.add("s3: object keys were " + s3 + ", now " + after.s3);
    }
    after.valkey.forEach((key, value) -> {
      if (!valkey.containsKey(key)) {
        out.add("valkey: new key " + key);
      } else if (!valkey.get(key).equals(value)) {
        out.add("valkey: key " + key + " changed");
      }
    });
    compare("search", search, after.search, out);
    return out;
  }

  /** Which stores {@code after} differs in ("postgres", "cassandra", ...). */
  List<String> storesChangedIn(StoreSnapshot after) {
    return changesIn(after).stream().map(line -> line.substring(0, line.indexOf(':'))).distinct().sorted().toList();
  }

  /** Tables (or workspaces, for search) that differ, naming up to 3 rows that went and 3 that came. */
  private static <T> void compare(String store, Map<String, T> before, Map<String, T> after, List<String> out) {
    if (!before.keySet().equals(after.keySet())) {
      out.add(store + ": tables were " + before.keySet() + ", now " + after.keySet());
    }
    before.forEach((table, content) -> {
      if (after.containsKey(table) && !content.equals(after.get(table))) {
        out.add(store + ": " + table + " changed, " + rowChanges(content, after.get(table)));
      }
    });
  }

  private static String rowChanges(Object before, Object after) {
    if (!(before instanceof List<?> was) || !(after instanceof List<?> now)) {
      return before + " -> " + after;
    }
    List<?> gone = was.stream().filter(row -> !now.contains(row)).toList();
    List<?> came = now.stream().filter(row -> !was.contains(row)).toList();
    return was.size() + " rows -> " + now.size() + "; " + gone.size() + " rows gone, first 3: " + first3(gone)
        + "; " + came.size() + " rows new, first 3: " + first3(came);
  }

  private static List<String> first3(List<?> rows) {
    return rows.stream().limit(3).map(StoreSnapshot::clip).toList();
  }

  private static String clip(Object row) {
    String text = String.valueOf(row);
    return text.length() <= 400 ? text : text.substring(0, 400) + "...";
  }

  /** Every row (as PostgreSQL's text form of the row) of every table of the service databases. */
  private static Map<String, List<String>> readPostgres() {
    LocalPostgres server = Devstack.postgres();
    Map<String, List<String>> tables = new TreeMap<>();
    for (String database : DATABASES) {
      try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
          Statement statement = connection.createStatement()) {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
            + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
            + " AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
        for (String table : names) {
          List<String> rows = new ArrayList<>();
          try (ResultSet rs = statement.executeQuery("SELECT t::text FROM " + table + " t ORDER BY 1")) {
            while (rs.next()) {
              rows.add(rs.getString(1));
            }
          }
          tables.put(database + "." + table, rows);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read PostgreSQL database " + database, e);
      }
    }
    return tables;
  }

  /** Every row of every table of the service keyspaces, sorted. */
  private static Map<String, List<String>> readCassandra() {
    LocalCassandra node = Devstack.cassandra();
    Map<String, List<String>> tables = new TreeMap<>();
    try (CqlSession session = CqlSession.builder().addContactPoint(new InetSocketAddress(node.host(), node.port()))
        .withLocalDatacenter(node.localDatacenter()).build()) {
      for (String keyspace : KEYSPACES) {
        for (Row table : session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)) {
          String name = keyspace + "." + table.getString("table_name");
          List<String> rows = new ArrayList<>();
          for (Row row : session.execute("SELECT * FROM " + name)) {
            rows.add(row.getFormattedContents());
          }
          rows.sort(null);
          tables.put(name, rows);
        }
      }
    }
    return tables;
  }

  /** Every key of the Valkey server but streams, with its serialized value (DUMP, which leaves out the TTL). */
  private static Map<String, String> readValkey() {
    RedisClient client = RedisClient.create(Devstack.valkey().url());
    try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
      Map<String, String> keys = new TreeMap<>();
      for (byte[] key : connection.sync().keys("*".getBytes(StandardCharsets.UTF_8))) {
        if ("stream".equals(connection.sync().type(key))) {
          // The event bus: its consumer groups note every read (seen times), so a stream's DUMP
          // changes while nothing is written; what it carries shows in the stores it feeds.
          continue;
        }
        byte[] value = connection.sync().dump(key);
        if (value != null) { // expired between KEYS and DUMP
          keys.put(new String(key, StandardCharsets.UTF_8), Base64.getEncoder().encodeToString(value));
        }
      }
      return keys;
    } finally {
      client.shutdown();
    }
  }

  /** Per workspace, the hits (id, score, text) of a query for every document. */
  private static Map<String, String> readSearch(Channel admin, List<String> workspaceIds) {
    Map<String, String> hits = new TreeMap<>();
    for (String workspaceId : workspaceIds) {
      List<SearchHit> found = SearchServiceGrpc.newBlockingStub(admin).withDeadlineAfter(10, TimeUnit.SECONDS)
          .query(MatrixRequests.query(workspaceId)).getHitsList();
      hits.put("workspace " + workspaceId, found.stream().map(h -> h.getId() + "@" + h.getScore() + ":" + h.getText()).toList().toString());
    }
    return hits;
  }

}
