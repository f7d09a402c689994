package dev.polystore.checks.rules.postgres;

import dev.polystore.checks.Problem;
import dev.polystore.checks.rules.AlterTable;
import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.statements.Identifiers;
import dev.polystore.checks.statements.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column added to an existing table is nullable or has a constant default, so that neither the
 * existing rows nor the previous release's inserts (which do not name it) can fail, and the table
 * is not rewritten. It carries no UNIQUE or PRIMARY KEY (an index built under lock), no
 * GENERATED expression or identity and no serial type (both fill every row), and a REFERENCES or
 * CHECK only when it has no default, so that there is nothing to validate yet.
 */
public final class SafeAddColumnRule implements Rule {

    public static final String ID = "safe-add-column";

    private static final Pattern ADD_CONSTRAINT = Pattern.compile(
            "^add (?:constraint|primary key|unique|check|foreign key|exclude)\\b.*");
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "^add (?:column )?(?:if not exists )?(" + Identifiers.IDENT + ") (.+)$");
    private static final Pattern SERIAL = Pattern.compile("^(?:small|big)?serial[248]?$");

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
                    if (ADD_CONSTRAINT.matcher(action).matches()) {
                        continue;
                    }
                    Matcher m = ADD_COLUMN.matcher(action);
                    if (m.matches()) {
                        String what = "column " + Identifiers.unquote(m.group(1)) + " of " + alter.table();
                        unsafe(ColumnDefinition.parse(m.group(2))).ifPresent(
                                why -> problems.add(migration.problem(statement, ID, "adds " + what + why)));
                    }
                }
            });
        }
        return problems;
    }

    private static Optional<String> unsafe(ColumnDefinition column) {
        if (SERIAL.matcher(column.type()).matches()) {
            return Optional.of(" as " + column.type() + ", whose default draws a sequence value for every existing "
                    + "row and rewrites the table under an ACCESS EXCLUSIVE lock. Add a nullable bigint, backfill it "
                    + "in batches, then attach the default");
        }
        if (column.generated()) {
            return Optional.of(" as GENERATED, which computes every existing row and rewrites the table under an "
                    + "ACCESS EXCLUSIVE lock. Add a plain nullable column, fill it in batches, then switch");
        }
        Optional<String> defaultExpression = column.defaultExpression();
        if (defaultExpression.isPresent() && !ConstantExpression.isConstant(defaultExpression.get())) {
            return Optional.of(" with the volatile default " + defaultExpression.get() + ", which is "
                    + "written into every existing row and rewrites the table under an ACCESS EXCLUSIVE lock. Add it "
                    + "with a constant default or none, backfill in batches, then SET DEFAULT");
        }
        if (column.notNull() && column.defaultExpression().isEmpty()) {
            return Optional.of(" as NOT NULL without a default: that fails on the existing rows, and the previous "
                    + "release's inserts, which do not name the column, would fail too. Add it nullable or with a "
                    + "constant DEFAULT");
        }
        if (column.uniqueOrPrimaryKey()) {
            return Optional.of(" as UNIQUE or PRIMARY KEY, which builds an index while blocking writes. Add the "
                    + "column, CREATE UNIQUE INDEX CONCURRENTLY in a later migration, then ADD CONSTRAINT ... UNIQUE "
                    + "USING INDEX");
        }
        if (column.referencesOrCheck() && column.defaultExpression().isPresent()) {
            return Optional.of(" with a default and a REFERENCES or CHECK clause, which validates every existing row "
                    + "under a lock and fails if one breaks it. Add the column, then the constraint NOT VALID, and "
                    + "VALIDATE it in a later migration");
        }
        return Optional.empty();
    }
}
