package dev.polystore.checks.rules.postgres;

import dev.polystore.checks.Problem;
import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.statements.Identifiers;
import dev.polystore.checks.statements.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index on an existing table is built CONCURRENTLY: a plain CREATE INDEX blocks every write to
 * the table until it finishes. On a table created in the same migration a plain CREATE INDEX is
 * right, since the table is empty and a concurrent build could not share its transaction.
 */
public final class IndexConcurrentlyRule implements Rule {

    public static final String ID = "index-concurrently";

    private static final Pattern CREATE_INDEX = Pattern.compile("^create (?:unique )?index (concurrently )?"
            + "(?:if not exists )?(?:" + Identifiers.IDENT + " )?on (?:only )?(" + Identifiers.QNAME + ")");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier) {
        List<Problem> problems = new ArrayList<>();
        for (Statement statement : migration.statements()) {
            Matcher m = CREATE_INDEX.matcher(statement.sql());
            if (m.find() && m.group(1) == null) {
                String table = Identifiers.objectName(m.group(2));
                if (!migration.creates(table)) {
                    problems.add(migration.problem(statement, ID, "creates an index on existing table " + table
                            + " without CONCURRENTLY, which blocks writes to it until the build ends. Use CREATE "
                            + "INDEX CONCURRENTLY IF NOT EXISTS, in a migration of its own"));
                }
            }
        }
        return problems;
    }
}
