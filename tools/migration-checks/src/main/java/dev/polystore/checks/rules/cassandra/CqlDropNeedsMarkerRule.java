package dev.polystore.checks.rules.cassandra;

import dev.polystore.checks.Problem;
import dev.polystore.checks.rules.AlterTable;
import dev.polystore.checks.rules.DropMarker;
import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.statements.Identifiers;
import dev.polystore.checks.statements.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dropping a keyspace, a table or a column needs the {@link DropMarker} comment. */
public final class CqlDropNeedsMarkerRule implements Rule {

    public static final String ID = "cql-drop-needs-marker";

    private static final Pattern DROP = Pattern.compile(
            "^drop (keyspace|table|columnfamily) (?:if exists )?(" + Identifiers.QNAME + ")$");
    private static final Pattern DROP_COLUMNS = Pattern.compile("^drop (.+?)(?: using timestamp [0-9]+)?$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier) {
        List<Problem> problems = new ArrayList<>();
        for (Statement statement : migration.statements()) {
            Matcher drop = DROP.matcher(statement.sql());
            if (drop.matches()) {
                String name = Identifiers.objectName(drop.group(2));
                if (drop.group(1).equals("keyspace") || !migration.creates(name)) {
                    String kind = drop.group(1).equals("keyspace") ? "keyspace " : "table ";
                    DropMarker.require(migration, statement, ID, kind + name).ifPresent(problems::add);
                }
            }
            AlterTable.cql(statement).filter(alter -> !migration.creates(alter.table())).ifPresent(alter -> {
                Matcher columns = DROP_COLUMNS.matcher(alter.actions().get(0));
                if (columns.matches()) {
                    String names = columns.group(1).replace("( ", "").replace(" )", "").replace(" ,", ",");
                    DropMarker.require(migration, statement, ID, "column(s) " + names + " of " + alter.table())
                            .ifPresent(problems::add);
                }
            });
        }
        return problems;
    }
}
