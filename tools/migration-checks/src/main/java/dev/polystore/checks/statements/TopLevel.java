package dev.polystore.checks.statements;

import java.util.ArrayList;
import java.util.List;

/**
 * Looks at a normalised statement's text outside parentheses and quotes, where its clauses are:
 * a comma or keyword inside {@code CHECK (...)} or {@code DEFAULT 'a, b'} is not one of them.
 */
public final class TopLevel {

    private TopLevel() {
    }

    /** The text split at top-level commas, each part trimmed. */
    public static List<String> splitAtCommas(String sql) {
        List<String> parts = new ArrayList<>();
        String masked = mask(sql);
        int start = 0;
        for (int i = 0; i < masked.length(); i++) {
            if (masked.charAt(i) == ',') {
                parts.add(sql.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(sql.substring(start).trim());
        return parts;
    }

    /**
     * The text with the same length, every character inside quotes or parentheses replaced by
     * {@code _} (the quotes and parentheses themselves kept), so that a match on the mask is a
     * match at the top level and its offsets apply to the original.
     */
    public static String mask(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    boolean doubled = i + 1 < sql.length() && sql.charAt(i + 1) == quote;
                    if (doubled) {
                        out.append("__");
                        i++;
                        continue;
                    }
                    quote = 0;
                    out.append(c);
                } else {
                    out.append('_');
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(depth > 0 ? '_' : c);
                if (depth > 0) {
                    // Inside parentheses the whole quoted text is masked, quotes included.
                    int close = closingQuote(sql, i, c);
                    out.append("_".repeat(close - i));
                    i = close;
                    quote = 0;
                }
            } else if (c == '(') {
                out.append(depth == 0 ? '(' : '_');
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                out.append(depth == 0 ? ')' : '_');
            } else {
                out.append(depth > 0 ? '_' : c);
            }
        }
        return out.toString();
    }

    private static int closingQuote(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return sql.length() - 1;
    }
}
