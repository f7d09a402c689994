package dev.polystore.checks.rules.cassandra;

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
 * No {@code ALTER TABLE ... ALTER <column> TYPE}: Cassandra 3.10 and later refuse it, Keyspaces
 * never had it, and where it ran the stored bytes would be reread under the new type by every
 * reader, including the previous release's.
 */
public final class CqlNoTypeChangeRule implements Rule {

    public static final String ID = "cql-no-type-change";

    private static final Pattern ALTER_TYPE = Pattern.compile("^alter (" + Identifiers.IDENT + ") type ");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier) {
        List<Problem> problems = new ArrayList<>();
        for (Statement statement : migration.statements()) {
            AlterTable.cql(statement).filter(alter -> !migration.creates(alter.table())).ifPresent(alter -> {
                Matcher m = ALTER_TYPE.matcher(alter.actions().get(0));
                if (m.find()) {
                    problems.add(migration.problem(statement, ID, "changes the type of column "
                            + Identifiers.unquote(m.group(1)) + " of " + alter.table() + ". Add a column of the new "
                            + "type, write to both, backfill, switch reads, then drop the old column in a later "
                            + "release"));
                }
            });
        }
        return problems;
    }
}
