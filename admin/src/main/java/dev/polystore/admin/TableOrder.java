package dev.polystore.admin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A database's tables in the order an import fills them: every table after the tables its foreign
 * keys reference, so each row's references exist when it arrives. Flyway's history is left out: the
 * target gets its own by running the migrations.
 */
public final class TableOrder {
  private TableOrder() {}

  public static List<String> of(Connection connection) throws SQLException {
    Set<String> tables = new TreeSet<>();
    Map<String, Set<String>> references = new HashMap<>();
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT c.conrelid::regclass::text, c.confrelid::regclass::text"
          + " FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
          + " WHERE c.contype = 'f' AND n.nspname = 'public'")) {
        while (rows.next()) {
          references.computeIfAbsent(rows.getString(1), t -> new TreeSet<>()).add(rows.getString(2));
        }
      }
    }
    return sorted(tables, references);
  }

  /** Depth-first, alphabetical among equals, so the order is the same on every run. */
  static List<String> sorted(Set<String> tables, Map<String, Set<String>> references) {
    Set<String> ordered = new LinkedHashSet<>();
    for (String table : new TreeSet<>(tables)) {
      visit(table, tables, references, ordered, new LinkedHashSet<>());
    }
    return new ArrayList<>(ordered);
  }

  private static void visit(String table, Set<String> tables, Map<String, Set<String>> references,
      Set<String> ordered, Set<String> path) {
    if (ordered.contains(table) || !tables.contains(table)) {
      return;
    }
    if (!path.add(table)) {
      throw new AdminFailure("foreign keys form a cycle through " + path + ": no import order exists");
    }
    for (String referenced : references.getOrDefault(table, Set.of())) {
      if (!referenced.equals(table)) {
        visit(referenced, tables, references, ordered, path);
      }
    }
    path.remove(table);
    ordered.add(table);
  }
}
