package dev.polystore.checks.rules;

import dev.polystore.checks.statements.Identifiers;
import dev.polystore.checks.statements.Statement;
import dev.polystore.checks.statements.TopLevel;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code ALTER TABLE} statement taken apart: the table and each of its comma-separated actions
 * ({@code ADD COLUMN ...}, {@code ALTER COLUMN ... TYPE ...}, {@code DROP ...}).
 *
 * @param table the table's unqualified name
 * @param actions the actions, normalised and trimmed
 */
public record AlterTable(String table, List<String> actions) {

    private static final Pattern SQL = Pattern.compile(
            "^alter table (?:if exists )?(?:only )?(" + Identifiers.QNAME + ")(?: \\*)? (.+)$");
    private static final Pattern CQL = Pattern.compile(
            "^alter (?:table|columnfamily) (" + Identifiers.QNAME + ") (.+)$");

    /** A PostgreSQL {@code ALTER TABLE}, or empty for any other statement. */
    public static Optional<AlterTable> postgres(Statement statement) {
        Matcher m = SQL.matcher(statement.sql());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new AlterTable(Identifiers.objectName(m.group(1)), TopLevel.splitAtCommas(m.group(2))));
    }

    /** A CQL {@code ALTER TABLE}, which has exactly one action, or empty for any other statement. */
    public static Optional<AlterTable> cql(Statement statement) {
        Matcher m = CQL.matcher(statement.sql());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new AlterTable(Identifiers.objectName(m.group(1)), List.of(m.group(2).trim())));
    }
}
