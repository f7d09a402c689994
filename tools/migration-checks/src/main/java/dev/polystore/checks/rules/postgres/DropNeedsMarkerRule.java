package dev.polystore.checks.rules.postgres;

import dev.polystore.checks.Problem;
import dev.polystore.checks.rules.AlterTable;
import dev.polystore.checks.rules.DropMarker;
import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.statements.Identifiers;
import dev.polystore.checks.statements.Statement;
import dev.polystore.checks.statements.TopLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dropping a table or a column needs the {@link DropMarker} comment; dropping a constraint does not. */
public final class DropNeedsMarkerRule implements Rule {

    public static final String ID = "drop-needs-marker";

    private static final Pattern DROP_TABLE = Pattern.compile(
            "^drop table (?:if exists )?(.+?)(?: cascade| restrict)?$");
    private static final Pattern DROP_COLUMN = Pattern.compile(
            "^drop (?:column )?(?:if exists )?(" + Identifiers.IDENT + ")(?: cascade| restrict)?$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier) {
        List<Problem> problems = new ArrayList<>();
        for (Statement statement : migration.statements()) {
            Matcher table = DROP_TABLE.matcher(statement.sql());
            if (table.matches()) {
                for (String name : TopLevel.splitAtCommas(table.group(1))) {
                    String dropped = Identifiers.objectName(name);
                    if (!migration.creates(dropped)) {
                        DropMarker.require(migration, statement, ID, "table " + dropped).ifPresent(problems::add);
                    }
                }
            }
            AlterTable.postgres(statement).filter(alter -> !migration.creates(alter.table())).ifPresent(alter -> {
                for (String action : alter.actions()) {
                    Matcher column = DROP_COLUMN.matcher(action);
                    if (!action.startsWith("drop constraint ") && column.matches()) {
                        DropMarker.require(migration, statement, ID, "column " + Identifiers.unquote(column.group(1))
                                + " of " + alter.table()).ifPresent(problems::add);
                    }
                }
            });
        }
        return problems;
    }
}
