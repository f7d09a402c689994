package dev.polystore.checks.rules.cassandra;

import dev.polystore.checks.Problem;
import dev.polystore.checks.rules.AlterTable;
import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.statements.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * No {@code ALTER TABLE ... RENAME}: Cassandra renames only primary key columns, and the previous
 * release's statements name the old column until the deploy is over.
 */
public final class CqlNoRenameRule implements Rule {

    public static final String ID = "cql-no-rename";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier) {
        List<Problem> problems = new ArrayList<>();
        for (Statement statement : migration.statements()) {
            AlterTable.cql(statement)
                    .filter(alter -> !migration.creates(alter.table()))
                    .filter(alter -> alter.actions().get(0).startsWith("rename "))
                    .ifPresent(alter -> problems.add(migration.problem(statement, ID, "renames a column of "
                            + alter.table() + ": the previous release's statements still name the old column. Add "
                            + "a new column (or a new table when it is part of the primary key), write to both, "
                            + "backfill, switch reads, then drop the old one in a later release")));
        }
        return problems;
    }
}
