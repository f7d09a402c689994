package dev.polystore.checks.rules;

import dev.polystore.checks.Problem;
import dev.polystore.checks.statements.Statement;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The comment that lets a migration drop a table or a column:
 * <pre>
 * -- polystore:allow-drop reason=&lt;why the data is not needed and the previous release no longer uses it&gt;
 * </pre>
 * It goes in a comment before the statement (or inside it). Writing it is the author's statement,
 * for the reviewer to check, that the data is saved or not needed and that the release before this
 * one no longer reads or writes what is dropped.
 */
public final class DropMarker {

    public static final String MARKER = "polystore:allow-drop";

    private static final Pattern WITH_REASON = Pattern.compile(Pattern.quote(MARKER) + "\\s+reason=\\s*\\S.*");

    private DropMarker() {
    }

    /**
     * A problem when the statement drops {@code what} without a marker with a reason; empty when marked.
     *
     * @param what e.g. "column display_name of users" or "table users"
     */
    public static Optional<Problem> require(ParsedMigration migration, Statement statement, String rule, String what) {
        Optional<String> marker = statement.marker(MARKER);
        if (marker.isPresent() && WITH_REASON.matcher(marker.get()).matches()) {
            return Optional.empty();
        }
        String problem = marker.isPresent()
                ? "the " + MARKER + " marker before dropping " + what + " has no reason: write "
                        + "-- " + MARKER + " reason=<why the data is not needed and the previous release no longer "
                        + "uses it>"
                : "drops " + what + ": its data is lost, and the previous release fails if it still reads or writes "
                        + "it. Stop using it in one release, save the data if it is needed, then drop it in a later "
                        + "release with a comment before the statement: -- " + MARKER + " reason=<why it is safe>";
        return Optional.of(migration.problem(statement, rule, problem));
    }
}
