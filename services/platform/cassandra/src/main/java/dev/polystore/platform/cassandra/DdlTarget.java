package dev.polystore.platform.cassandra;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table a DDL statement creates or alters, and whether it switches on TTL (Keyspaces'
 * {@code custom_properties = {'ttl': {'status': 'enabled'}}}): what {@link SchemaSettling} waits to
 * see before the next statement may use it.
 *
 * @param table the table's name, without keyspace, as the schema tables list it
 * @param enablesTtl whether the statement turns on TTL for the table
 */
record DdlTarget(String table, boolean enablesTtl) {
  private static final Pattern TABLE = Pattern.compile(
      "^\\s*(?:CREATE\\s+TABLE(?:\\s+IF\\s+NOT\\s+EXISTS)?|ALTER\\s+TABLE)\\s+(?:\"?\\w+\"?\\.)?\"?(\\w+)\"?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TTL_ON = Pattern.compile(
      "'ttl'\\s*:\\s*\\{\\s*'status'\\s*:\\s*'enabled'\\s*}", Pattern.CASE_INSENSITIVE);

  /** The target of a CREATE TABLE or ALTER TABLE; empty for any other statement. */
  static Optional<DdlTarget> of(String cql) {
    Matcher table = TABLE.matcher(cql);
    if (!table.find()) {
      return Optional.empty();
    }
    String name = table.group(1);
    boolean quoted = cql.substring(table.start(1) - 1, table.start(1)).equals("\"");
    return Optional.of(new DdlTarget(quoted ? name : name.toLowerCase(Locale.ROOT), TTL_ON.matcher(cql).find()));
  }
}
