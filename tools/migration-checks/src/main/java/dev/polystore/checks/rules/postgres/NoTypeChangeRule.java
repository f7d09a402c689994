package dev.polystore.checks.rules.postgres;

import dev.polystore.checks.Problem;
import dev.polystore.checks.rules.AlterTable;
import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.statements.Identifiers;
import dev.polystore.checks.statements.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No changing a column's type: most changes rewrite the table under an ACCESS EXCLUSIVE lock, and
 * any change can break the previous release's reads, writes or casts. A type change is a new
 * column, filled in steps, see docs/migrations.md.
 */
public final class NoTypeChangeRule implements Rule {

    public static final String ID = "no-type-change";

    private static final Pattern TYPE_CHANGE = Pattern.compile(
            "^alter (?:column )?(" + Identifiers.IDENT + ") (?:set data )?type (.+)$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier) {
        List<Problem> problems = new ArrayList<>();
        for (Statement statement : migration.statements()) {
            AlterTable.postgres(statement).filter(alter -> !migration.creates(alter.table())).ifPresent(alter -> {
                for (String action : alter.actions()) {
                    Matcher m = TYPE_CHANGE.matcher(action);
                    if (m.matches()) {
                        String column = Identifiers.unquote(m.group(1));
                        problems.add(migration.problem(statement, ID, "changes the type of column " + column + " of "
                                + alter.table() + ": that can rewrite the table under an ACCESS EXCLUSIVE lock and "
                                + "break the previous release's queries. Add a column of the new type, write to both, "
                                + "backfill, switch reads, then drop the old column in a later release "
                                + "(docs/migrations.md, changing a column's type)"));
                    }
                }
            });
        }
        return problems;
    }
}
