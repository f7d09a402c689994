package dev.polystore.checks.statements;

import dev.polystore.checks.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration into {@link Statement}s at top-level semicolons, knowing enough of each
 * dialect's lexical rules not to split inside a string, a quoted identifier, a dollar-quoted body
 * or a comment. PostgreSQL: {@code --} and nested {@code /* *}{@code /} comments, {@code E'...'}
 * strings with backslash escapes, {@code $tag$...$tag$} bodies. CQL: {@code --}, {@code //} and
 * {@code /* *}{@code /} comments, {@code $$...$$} bodies.
 */
public final class StatementSplitter {

    private final String s;
    private final boolean postgres;
    private final List<Statement> statements = new ArrayList<>();
    private final StringBuilder sql = new StringBuilder();
    private List<String> comments = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int startLine;
    private boolean space;

    private StatementSplitter(String text, Dialect dialect) {
        this.s = text;
        this.postgres = dialect == Dialect.POSTGRES;
    }

    /**
     * Splits a migration's text.
     *
     * @throws IllegalArgumentException when a string, quoted identifier, body or comment is never closed
     */
    public static List<Statement> split(String text, Dialect dialect) {
        return new StatementSplitter(text, dialect).run();
    }

    private List<Statement> run() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c)) {
                next();
                space = true;
            } else if (startsWith("--") || (!postgres && startsWith("//"))) {
                lineComment();
            } else if (startsWith("/*")) {
                blockComment();
            } else if (c == '\'') {
                string(false);
            } else if (postgres && (c == 'e' || c == 'E') && peek(1) == '\'' && !identifierCharBefore()) {
                next();
                string(true);
            } else if (c == '"') {
                quotedIdentifier();
            } else if (c == '$' && dollarTag() != null) {
                dollarBody(dollarTag());
            } else if (c == ';') {
                next();
                finishStatement();
            } else if (c == '(' || c == ')' || c == ',') {
                space = true;
                emit(String.valueOf(c), line);
                next();
                space = true;
            } else {
                emit(String.valueOf(Character.toLowerCase(c)), line);
                next();
            }
        }
        finishStatement();
        return statements;
    }

    private void emit(String token, int tokenLine) {
        if (sql.length() == 0) {
            startLine = tokenLine;
        } else if (space) {
            sql.append(' ');
        }
        space = false;
        sql.append(token);
    }

    private void finishStatement() {
        if (sql.length() > 0) {
            statements.add(new Statement(startLine, sql.toString(), List.copyOf(comments)));
            sql.setLength(0);
            comments = new ArrayList<>();
        }
        space = false;
    }

    private void lineComment() {
        int start = pos + 2;
        while (pos < s.length() && s.charAt(pos) != '\n') {
            next();
        }
        comments.add(s.substring(start, pos).trim());
        space = true;
    }

    private void blockComment() {
        int open = line;
        int start = pos + 2;
        int depth = 0;
        while (true) {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("comment opened on line " + open + " is never closed");
            }
            if (startsWith("/*") && (postgres || depth == 0)) {
                depth++;
                next();
                next();
            } else if (startsWith("*/")) {
                depth--;
                next();
                next();
                if (depth == 0) {
                    break;
                }
            } else {
                next();
            }
        }
        comments.add(s.substring(start, pos - 2).trim());
        space = true;
    }

    /** A string literal, emitted in standard form: {@code '} doubled inside, backslash escapes of quotes undone. */
    private void string(boolean backslashEscapes) {
        int open = line;
        StringBuilder literal = new StringBuilder("'");
        next();
        while (true) {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("string opened on line " + open + " is never closed");
            }
            char c = next();
            if (c == '\'') {
                if (peek(0) == '\'') {
                    next();
                    literal.append("''");
                } else {
                    break;
                }
            } else if (backslashEscapes && c == '\\' && pos < s.length()) {
                char escaped = next();
                literal.append(escaped == '\'' ? "''" : "\\" + escaped);
            } else {
                literal.append(c);
            }
        }
        emit(literal.append('\'').toString(), open);
    }

    private void quotedIdentifier() {
        int open = line;
        int start = pos;
        next();
        while (true) {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("quoted identifier opened on line " + open + " is never closed");
            }
            if (next() == '"') {
                if (peek(0) == '"') {
                    next();
                } else {
                    break;
                }
            }
        }
        emit(s.substring(start, pos), open);
    }

    /** The opening {@code $tag$} at the current position, or null when the {@code $} starts none. */
    private String dollarTag() {
        if (identifierCharBefore()) {
            return null;
        }
        int end = pos + 1;
        if (postgres) {
            while (end < s.length() && (Character.isLetter(s.charAt(end)) || s.charAt(end) == '_'
                    || (end > pos + 1 && Character.isDigit(s.charAt(end))))) {
                end++;
            }
        }
        return end < s.length() && s.charAt(end) == '$' ? s.substring(pos, end + 1) : null;
    }

    private void dollarBody(String tag) {
        int open = line;
        for (int i = 0; i < tag.length(); i++) {
            next();
        }
        int start = pos;
        int close = s.indexOf(tag, pos);
        if (close < 0) {
            throw new IllegalArgumentException("body " + tag + " opened on line " + open + " is never closed");
        }
        while (pos < close + tag.length()) {
            next();
        }
        emit("'" + s.substring(start, close).replace("'", "''") + "'", open);
    }

    private boolean identifierCharBefore() {
        if (pos == 0) {
            return false;
        }
        char before = s.charAt(pos - 1);
        return Character.isLetterOrDigit(before) || before == '_' || before == '$';
    }

    private boolean startsWith(String token) {
        return s.startsWith(token, pos);
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private char next() {
        char c = s.charAt(pos++);
        if (c == '\n') {
            line++;
        }
        return c;
    }
}
