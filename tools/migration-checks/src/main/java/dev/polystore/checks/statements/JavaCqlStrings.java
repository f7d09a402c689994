package dev.polystore.checks.statements;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The CQL statements a Java source spells out: each chain of string literals joined with {@code +}
 * (text blocks included) inside one argument, with {@code ?} standing in for the expressions
 * between them ({@code "SELECT " + COLUMNS + " FROM t"} reads {@code SELECT ? FROM t}). A chain
 * counts when it starts with a CQL keyword. Enough Java lexing for that: comments, character
 * literals and escapes are skipped, parentheses and commas bound a chain.
 */
public final class JavaCqlStrings {

    /** One statement and the 1-based line its first literal starts on. */
    public record Found(int line, String cql) {
    }

    private static final Pattern CQL_START = Pattern.compile(
            "^\\s*(?:select|insert|update|delete|create|alter|drop|truncate|begin)\\s", Pattern.CASE_INSENSITIVE);

    private final String s;
    private final List<Found> found = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int depth;
    private StringBuilder chain;
    private int chainDepth;
    private int chainLine;
    private int lineOfLiteral;
    private boolean expressionSinceLiteral;

    private JavaCqlStrings(String source) {
        this.s = source;
    }

    public static List<Found> in(String javaSource) {
        return new JavaCqlStrings(javaSource).run();
    }

    private List<Found> run() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (s.startsWith("//", pos)) {
                skipTo("\n");
            } else if (s.startsWith("/*", pos)) {
                skipTo("*/");
            } else if (s.startsWith("\"\"\"", pos)) {
                literal(textBlock());
            } else if (c == '"') {
                literal(quoted('"'));
            } else if (c == '\'') {
                quoted('\'');
            } else if (c == '(') {
                depth++;
                advance();
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                if (depth < chainDepth) {
                    endChain();
                }
                advance();
            } else if (c == ',' && depth == chainDepth || c == ';' || c == '{' || c == '}') {
                endChain();
                advance();
            } else {
                if (chain != null && !Character.isWhitespace(c) && c != '+') {
                    expressionSinceLiteral = true;
                }
                advance();
            }
        }
        endChain();
        return found;
    }

    private void literal(String text) {
        if (chain == null) {
            chain = new StringBuilder();
            chainDepth = depth;
            chainLine = lineOfLiteral;
        } else if (expressionSinceLiteral) {
            chain.append(" ? ");
        }
        expressionSinceLiteral = false;
        chain.append(text);
    }

    private void endChain() {
        if (chain == null) {
            return;
        }
        if (expressionSinceLiteral) {
            chain.append(" ?");
        }
        String text = chain.toString();
        if (CQL_START.matcher(text).find()) {
            found.add(new Found(chainLine, text.toLowerCase(Locale.ROOT).strip()));
        }
        chain = null;
        expressionSinceLiteral = false;
    }

    /** A "..." or '...' literal from its opening quote; returns its content with escapes resolved. */
    private String quoted(char quote) {
        lineOfLiteral = line;
        StringBuilder text = new StringBuilder();
        advance();
        while (pos < s.length() && s.charAt(pos) != quote && s.charAt(pos) != '\n') {
            if (s.charAt(pos) == '\\' && pos + 1 < s.length()) {
                advance();
                char escaped = s.charAt(pos);
                text.append(switch (escaped) {
                    case 'n', 'r', 't' -> ' ';
                    default -> escaped;
                });
            } else {
                text.append(s.charAt(pos));
            }
            advance();
        }
        advance();
        return text.toString();
    }

    private String textBlock() {
        lineOfLiteral = line;
        pos += 3;
        int end = s.indexOf("\"\"\"", pos);
        end = end < 0 ? s.length() : end;
        String text = s.substring(pos, end);
        while (pos < end) {
            advance();
        }
        pos = Math.min(s.length(), end + 3);
        return text.replace("\\\n", "");
    }

    private void skipTo(String end) {
        int at = s.indexOf(end, pos + 2);
        int stop = at < 0 ? s.length() : at + (end.equals("\n") ? 0 : end.length());
        while (pos < stop) {
            advance();
        }
    }

    private void advance() {
        if (pos < s.length() && s.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }
}
