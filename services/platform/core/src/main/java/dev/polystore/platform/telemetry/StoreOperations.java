package dev.polystore.platform.telemetry;

import java.util.Locale;

/**
 * The operation name of a store call's span and timer ({@code db.operation.name}, OpenTelemetry's
 * database conventions): a statement's first keyword, from its text as written (placeholders,
 * never values), so that no value reaches a span or a metric.
 */
public final class StoreOperations {
  private StoreOperations() {}

  /** {@code SELECT}, {@code INSERT}, ... in capitals; {@code fallback} when the text starts with no word. */
  public static String firstKeyword(String statement, String fallback) {
    String text = statement == null ? "" : statement.strip();
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return end == 0 ? fallback : text.substring(0, end).toUpperCase(Locale.ROOT);
  }
}
