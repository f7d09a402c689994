package dev.polystore.checks.rules;

import dev.polystore.checks.Dialect;
import dev.polystore.checks.Migration;
import dev.polystore.checks.Problem;
import dev.polystore.checks.statements.Identifiers;
import dev.polystore.checks.statements.Statement;
import dev.polystore.checks.statements.StatementSplitter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration split into statements, with the tables it creates. A table created in the same
 * migration has no rows and no reader yet, so the rules let anything happen to it.
 */
public final class ParsedMigration {

    private static final Pattern CREATE_SQL_TABLE = Pattern.compile("^create (?:(?:global |local )?(?:temporary|temp) "
            + "|unlogged )?table (?:if not exists )?(" + Identifiers.QNAME + ")");
    private static final Pattern CREATE_CQL_TABLE = Pattern.compile("^create (?:table|columnfamily) "
            + "(?:if not exists )?(" + Identifiers.QNAME + ")");

    private final Migration migration;
    private final List<Statement> statements;
    private final Set<String> createdTables;

    private ParsedMigration(Migration migration, List<Statement> statements, Set<String> createdTables) {
        this.migration = migration;
        this.statements = statements;
        this.createdTables = createdTables;
    }

    /**
     * Splits a migration into statements.
     *
     * @throws IllegalArgumentException when the text cannot be split (an unclosed string or comment)
     */
    public static ParsedMigration parse(Migration migration, Dialect dialect) {
        List<Statement> statements = StatementSplitter.split(migration.text(), dialect);
        Pattern create = dialect == Dialect.POSTGRES ? CREATE_SQL_TABLE : CREATE_CQL_TABLE;
        Set<String> created = new LinkedHashSet<>();
        for (Statement statement : statements) {
            Matcher m = create.matcher(statement.sql());
            if (m.find()) {
                created.add(Identifiers.objectName(m.group(1)));
            }
        }
        return new ParsedMigration(migration, List.copyOf(statements), Set.copyOf(created));
    }

    public Migration migration() {
        return migration;
    }

    public List<Statement> statements() {
        return statements;
    }

    /** Whether this migration creates the table, so that nothing reads or holds rows in it yet. */
    public boolean creates(String table) {
        return createdTables.contains(table);
    }

    /** The names of the tables this migration creates. */
    public Set<String> createdTables() {
        return createdTables;
    }

    /** A problem at a statement of this migration. */
    public Problem problem(Statement statement, String rule, String message) {
        return new Problem(migration.path() + ":" + statement.line(), rule, message);
    }
}
