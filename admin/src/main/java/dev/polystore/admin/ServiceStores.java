package dev.polystore.admin;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Which store holds a service's data, and the {@link DumpedStore} that exports and imports it. */
public final class ServiceStores {
  public static final List<String> POSTGRES = List.of("accounts", "messenger");
  public static final List<String> CASSANDRA = List.of("activity", "files");

  private ServiceStores() {}

  /**
   * @param args {@code --database} / {@code --keyspace} name another database or keyspace than the
   *     service's own (a restore drill into a fresh one)
   */
  public static DumpedStore open(String service, AdminArgs args, Map<String, String> env, PrintStream out) {
    if (POSTGRES.contains(service)) {
      return new PostgresDump(service, env, args.optional("database").orElse(service), out);
    }
    if (CASSANDRA.contains(service)) {
      return new CassandraDump(service, env, args.optional("keyspace").orElse(service), out);
    }
    if (service.equals("search")) {
      throw new AdminFailure("search: export and import of vector namespaces are not built yet (docs/backup.md);"
          + " a namespace is rebuilt by re-indexing from its source");
    }
    throw new AdminFailure("--service must be one of accounts, messenger, activity, files, was '" + service + "'");
  }
}
