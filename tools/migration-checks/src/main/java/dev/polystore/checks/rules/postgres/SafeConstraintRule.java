package dev.polystore.checks.rules.postgres;

import dev.polystore.checks.Problem;
import dev.polystore.checks.rules.AlterTable;
import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.statements.Identifiers;
import dev.polystore.checks.statements.Statement;
import dev.polystore.checks.statements.TopLevel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A constraint on existing rows is added without a long lock and without a way to fail part-way
 * through a deploy:
 * <ul>
 * <li>CHECK and FOREIGN KEY are added NOT VALID (checked for new rows only, a short lock) and
 *     validated by VALIDATE CONSTRAINT in a later migration, which scans without blocking writes.
 *     Validating in the same migration would hold the first lock through the scan.</li>
 * <li>UNIQUE, PRIMARY KEY and EXCLUDE are only attached {@code USING INDEX} to an index built
 *     CONCURRENTLY by an earlier migration.</li>
 * <li>SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock, unless an earlier migration
 *     added {@code CHECK (column IS NOT NULL) NOT VALID} and a later one validated it: then
 *     PostgreSQL skips the scan, and this rule allows it.</li>
 * </ul>
 */
public final class SafeConstraintRule implements Rule {

    public static final String ID = "safe-constraint";

    private static final String NAME = "(" + Identifiers.IDENT + ")";
    private static final Pattern VALIDATED_KIND = Pattern.compile(
            "^add (?:constraint " + NAME + " )?(check|foreign key)\\b.*");
    private static final Pattern INDEXED_KIND = Pattern.compile(
            "^add (?:constraint " + NAME + " )?(unique|primary key|exclude)\\b.*");
    private static final Pattern SET_NOT_NULL = Pattern.compile("^alter (?:column )?" + NAME + " set not null$");
    private static final Pattern VALIDATE = Pattern.compile("^validate constraint " + NAME + "$");
    private static final Pattern NOT_NULL_CHECK = Pattern.compile(
            "^add constraint " + NAME + " check \\( (?:\\( )?" + NAME + " is not null (?:\\) )?\\) not valid$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier) {
        Set<String> provenNotNull = provenNotNull(earlier);
        Set<String> addedNotValidHere = new HashSet<>();
        List<Problem> problems = new ArrayList<>();
        for (Statement statement : migration.statements()) {
            AlterTable.postgres(statement).filter(alter -> !migration.creates(alter.table())).ifPresent(alter -> {
                for (String action : alter.actions()) {
                    String problem = problemWith(alter.table(), action, provenNotNull, addedNotValidHere);
                    if (problem != null) {
                        problems.add(migration.problem(statement, ID, problem));
                    }
                }
            });
        }
        return problems;
    }

    private static String problemWith(String table, String action, Set<String> provenNotNull,
                                      Set<String> addedNotValidHere) {
        String masked = TopLevel.mask(action);
        Matcher m = VALIDATED_KIND.matcher(action);
        if (m.matches()) {
            if (masked.endsWith(" not valid")) {
                if (m.group(1) != null) {
                    addedNotValidHere.add(table + "." + Identifiers.unquote(m.group(1)));
                }
                return null;
            }
            return "adds a " + m.group(2).toUpperCase() + " constraint to existing table " + table + ": that checks "
                    + "every row under a lock that blocks writes, and fails the deploy if one row breaks it. Add it "
                    + "NOT VALID here and VALIDATE CONSTRAINT in a later migration";
        }
        m = INDEXED_KIND.matcher(action);
        if (m.matches()) {
            if (masked.contains(" using index ") && !m.group(2).equals("exclude")) {
                return null;
            }
            return "adds a " + m.group(2).toUpperCase() + " constraint to existing table " + table + ": that builds "
                    + "an index while blocking writes, and fails on duplicates. CREATE UNIQUE INDEX CONCURRENTLY in a "
                    + "migration of its own, then ADD CONSTRAINT ... " + m.group(2).toUpperCase()
                    + " USING INDEX in a later one";
        }
        m = SET_NOT_NULL.matcher(action);
        if (m.matches()) {
            String column = Identifiers.unquote(m.group(1));
            if (provenNotNull.contains(table + "." + column)) {
                return null;
            }
            return "sets column " + column + " of existing table " + table + " NOT NULL: that scans every row under "
                    + "an ACCESS EXCLUSIVE lock and fails on a NULL. Add CONSTRAINT ... CHECK (" + column
                    + " IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL in a third "
                    + "(PostgreSQL then skips the scan)";
        }
        m = VALIDATE.matcher(action);
        if (m.matches() && addedNotValidHere.contains(table + "." + Identifiers.unquote(m.group(1)))) {
            return "validates constraint " + Identifiers.unquote(m.group(1)) + " in the migration that adds it: the "
                    + "migration's transaction keeps the lock taken by ADD CONSTRAINT while VALIDATE scans the table. "
                    + "Validate it in a later migration";
        }
        return null;
    }

    /** {@code table.column} for every column with a NOT NULL check added NOT VALID and later validated. */
    private static Set<String> provenNotNull(List<ParsedMigration> earlier) {
        List<NotNullCheck> notValidChecks = new ArrayList<>();
        Set<String> validated = new HashSet<>();
        for (ParsedMigration migration : earlier) {
            for (Statement statement : migration.statements()) {
                AlterTable.postgres(statement).ifPresent(alter -> {
                    for (String action : alter.actions()) {
                        Matcher check = NOT_NULL_CHECK.matcher(action);
                        if (check.matches()) {
                            notValidChecks.add(new NotNullCheck(alter.table(), Identifiers.unquote(check.group(1)),
                                    Identifiers.unquote(check.group(2))));
                        }
                        Matcher validate = VALIDATE.matcher(action);
                        if (validate.matches()) {
                            validated.add(alter.table() + "." + Identifiers.unquote(validate.group(1)));
                        }
                    }
                });
            }
        }
        Set<String> proven = new HashSet<>();
        for (NotNullCheck check : notValidChecks) {
            if (validated.contains(check.table() + "." + check.constraint())) {
                proven.add(check.table() + "." + check.column());
            }
        }
        return proven;
    }

    private record NotNullCheck(String table, String constraint, String column) {
    }
}
