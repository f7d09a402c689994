package dev.polystore.checks.rules.cassandra;

import dev.polystore.checks.Problem;
import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.statements.Identifiers;
import dev.polystore.checks.statements.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No primary key change. CQL cannot alter a primary key, so the only way to change one is to
 * create again a table that an earlier migration created (after dropping it, or with IF NOT
 * EXISTS, which silently keeps the old key): both lose data or mislead. A new key is a new table.
 */
public final class CqlNoPrimaryKeyChangeRule implements Rule {

    public static final String ID = "cql-no-primary-key-change";

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^create (?:table|columnfamily) (?:if not exists )?(" + Identifiers.QNAME + ")");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier) {
        Set<String> createdBefore = new HashSet<>();
        earlier.forEach(m -> createdBefore.addAll(m.createdTables()));
        List<Problem> problems = new ArrayList<>();
        for (Statement statement : migration.statements()) {
            Matcher m = CREATE_TABLE.matcher(statement.sql());
            if (m.find()) {
                String table = Identifiers.objectName(m.group(1));
                if (createdBefore.contains(table)) {
                    problems.add(migration.problem(statement, ID, "creates table " + table + " again, which an "
                            + "earlier migration created: a primary key cannot change in place. Create a table with "
                            + "a new name and the new key, write to both, backfill, switch reads, then drop the old "
                            + "table in a later release"));
                }
            }
        }
        return problems;
    }
}
