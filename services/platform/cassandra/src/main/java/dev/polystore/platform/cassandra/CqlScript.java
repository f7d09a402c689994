package dev.polystore.platform.cassandra;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Splits a .cql migration into statements at semicolons outside strings, quoted identifiers and
 * comments ({@code --}, {@code //}, {@code /* *}{@code /}). A line comment {@code -- cassandra only}
 * or {@code -- keyspaces only} before a statement limits it to that engine, for the few things
 * the two spell differently (Keyspaces' TTL switch, Cassandra's compaction).
 */
public final class CqlScript {
  private CqlScript() {}

  public static List<CqlStatement> parse(String script) {
    List<CqlStatement> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    Optional<CqlDialect> only = Optional.empty();
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (startsWith(script, i, "--") || startsWith(script, i, "//")) {
        int end = script.indexOf('\n', i);
        end = end < 0 ? n : end;
        if (withoutLeadingComments(current.toString()).isBlank()) {
          Optional<CqlDialect> marked = marker(script.substring(i + 2, end));
          if (marked.isPresent()) {
            only = marked;
          }
        }
        current.append(script, i, end);
        i = end;
      } else if (startsWith(script, i, "/*")) {
        int end = script.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("a /* comment is not closed");
        }
        current.append(script, i, end + 2);
        i = end + 2;
      } else if (c == '\'' || c == '"') {
        int end = closing(script, i, c);
        current.append(script, i, end + 1);
        i = end + 1;
      } else if (startsWith(script, i, "$$")) {
        int end = script.indexOf("$$", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("a $$ string is not closed");
        }
        current.append(script, i, end + 2);
        i = end + 2;
      } else if (c == ';') {
        add(statements, current, only);
        current.setLength(0);
        only = Optional.empty();
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(statements, current, only);
    return statements;
  }

  private static void add(List<CqlStatement> statements, StringBuilder text, Optional<CqlDialect> only) {
    String cql = withoutLeadingComments(text.toString()).strip();
    if (!cql.isEmpty()) {
      statements.add(new CqlStatement(cql, only));
    } else if (only.isPresent()) {
      throw new IllegalArgumentException("'-- " + only.get().marker() + "' is followed by no statement");
    }
  }

  /** The statement text sent to the store starts at its first keyword. */
  private static String withoutLeadingComments(String text) {
    int i = 0;
    while (true) {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (startsWith(text, i, "--") || startsWith(text, i, "//")) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end;
      } else if (startsWith(text, i, "/*")) {
        i = text.indexOf("*/", i) + 2;
      } else {
        return text.substring(i);
      }
    }
  }

  private static Optional<CqlDialect> marker(String comment) {
    String text = comment.strip().toLowerCase(Locale.ROOT);
    for (CqlDialect dialect : CqlDialect.values()) {
      if (text.equals(dialect.marker())) {
        return Optional.of(dialect);
      }
    }
    return Optional.empty();
  }

  /** The index of the quote that closes the one at {@code start}; a doubled quote is an escape. */
  private static int closing(String script, int start, char quote) {
    int i = start + 1;
    while (i < script.length()) {
      if (script.charAt(i) == quote) {
        if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    throw new IllegalArgumentException("a " + quote + " string or name is not closed");
  }

  private static boolean startsWith(String text, int at, String prefix) {
    return text.startsWith(prefix, at);
  }
}
