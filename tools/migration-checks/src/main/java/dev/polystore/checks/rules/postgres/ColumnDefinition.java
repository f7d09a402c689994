package dev.polystore.checks.rules.postgres;

import dev.polystore.checks.statements.TopLevel;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of {@code ADD COLUMN <name> ...} after the name: its type and its top-level clauses.
 * Clauses are found on the {@link TopLevel#mask masked} text, so a keyword inside a CHECK
 * expression or a default's string literal is not mistaken for one.
 *
 * @param type the type as written, e.g. {@code text} or {@code varchar ( 100 )}
 * @param defaultExpression the DEFAULT expression, if any
 * @param notNull whether the column is declared NOT NULL
 * @param uniqueOrPrimaryKey whether it is declared UNIQUE or PRIMARY KEY
 * @param referencesOrCheck whether it has a REFERENCES or CHECK clause
 * @param generated whether it is GENERATED (a stored expression or an identity)
 */
record ColumnDefinition(String type, Optional<String> defaultExpression, boolean notNull, boolean uniqueOrPrimaryKey,
                        boolean referencesOrCheck, boolean generated) {

    private static final Pattern CLAUSE = Pattern.compile(" (?:constraint|not null|null|default|check|references"
            + "|unique|primary key|generated|collate)(?= )");
    private static final Pattern END_OF_DEFAULT = Pattern.compile(
            " (?:constraint|not null|check|references|unique|primary key|generated|collate)(?= )");

    static ColumnDefinition parse(String definition) {
        // Padding with spaces lets every clause keyword be matched as " keyword ".
        String text = " " + definition.trim() + " ";
        String masked = TopLevel.mask(text);
        Matcher first = CLAUSE.matcher(masked);
        int typeEnd = first.find() ? first.start() : text.length();
        String clauses = masked.substring(typeEnd);
        Optional<String> defaultExpression = Optional.empty();
        int at = clauses.indexOf(" default ");
        if (at >= 0) {
            int start = typeEnd + at + " default ".length();
            Matcher end = END_OF_DEFAULT.matcher(masked);
            int stop = end.find(start) ? end.start() : text.length();
            defaultExpression = Optional.of(text.substring(start, stop).trim());
        }
        return new ColumnDefinition(text.substring(0, typeEnd).trim(), defaultExpression,
                clauses.contains(" not null "),
                clauses.contains(" unique ") || clauses.contains(" primary key "),
                clauses.contains(" references ") || clauses.contains(" check "),
                clauses.contains(" generated "));
    }
}
