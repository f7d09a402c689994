package dev.polystore.checks.statements;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One statement of a migration, in the normalised form the rules match with regular expressions:
 * comments removed; runs of whitespace as one space; every character outside quotes in lower case;
 * {@code (}, {@code )} and {@code ,} standing apart with a space on each side; string literals in
 * standard {@code '...'} form (escape strings and dollar-quoted bodies rewritten to it); quoted
 * identifiers kept as written, quotes included; no trailing semicolon.
 *
 * @param line the 1-based line of the statement's first token in its file
 * @param sql the normalised text
 * @param comments the text of every comment between the previous statement's end and this one's,
 *                 where marker comments such as {@code polystore:allow-drop} are looked for
 */
public record Statement(int line, String sql, List<String> comments) {

    /**
     * The first comment that contains {@code marker}, from the marker to the comment's end, e.g.
     * {@code polystore:allow-drop reason=...}.
     */
    public Optional<String> marker(String marker) {
        Pattern p = Pattern.compile(Pattern.quote(marker) + "(?=\\s|$).*");
        for (String comment : comments) {
            Matcher m = p.matcher(comment);
            if (m.find()) {
                return Optional.of(m.group().trim());
            }
        }
        return Optional.empty();
    }
}
