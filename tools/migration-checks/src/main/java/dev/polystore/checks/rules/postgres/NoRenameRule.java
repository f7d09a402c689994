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
 * No renaming a table or a column (nor moving a table to another schema): the previous release
 * still queries the old name until the deploy is over. A rename is done in steps, see
 * docs/migrations.md.
 */
public final class NoRenameRule implements Rule {

    public static final String ID = "no-rename";

    private static final Pattern RENAME_TABLE = Pattern.compile("^rename to (" + Identifiers.IDENT + ")$");
    private static final Pattern RENAME_COLUMN = Pattern.compile(
            "^rename (?:column )?(" + Identifiers.IDENT + ") to (" + Identifiers.IDENT + ")$");
    private static final Pattern SET_SCHEMA = Pattern.compile("^set schema (" + Identifiers.IDENT + ")$");

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
                    String message = renameOf(alter.table(), action);
                    if (message != null) {
                        problems.add(migration.problem(statement, ID, message));
                    }
                }
            });
        }
        return problems;
    }

    private static String renameOf(String table, String action) {
        if (action.startsWith("rename constraint ")) {
            return null;
        }
        Matcher m = RENAME_TABLE.matcher(action);
        if (m.matches()) {
            return "renames table " + table + " to " + Identifiers.unquote(m.group(1)) + ": the previous release "
                    + "still queries " + table + " while both run. Create the new table, write to both, backfill, "
                    + "switch reads, then drop the old one in a later release (docs/migrations.md, renaming a column)";
        }
        m = RENAME_COLUMN.matcher(action);
        if (m.matches()) {
            String column = Identifiers.unquote(m.group(1));
            return "renames column " + column + " of " + table + " to " + Identifiers.unquote(m.group(2))
                    + ": the previous release still reads and writes " + column + " while both run. Add the new "
                    + "column, write to both, backfill, switch reads, then drop the old one in a later release "
                    + "(docs/migrations.md, renaming a column)";
        }
        m = SET_SCHEMA.matcher(action);
        if (m.matches()) {
            return "moves table " + table + " to schema " + Identifiers.unquote(m.group(1)) + ", which renames it for "
                    + "every query of the previous release. Treat it as a rename (docs/migrations.md)";
        }
        return null;
    }
}
