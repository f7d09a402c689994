package dev.polystore.checks.rules.postgres;

import dev.polystore.checks.Problem;
import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.statements.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A migration with a CONCURRENTLY statement has nothing else in it. Such statements cannot run in
 * a transaction, so Flyway runs that migration without one and refuses one that mixes them with
 * transactional statements; and without a transaction a failure half-way would leave the other
 * statements half applied.
 */
public final class ConcurrentStatementsAloneRule implements Rule {

    public static final String ID = "concurrent-alone";

    private static final Pattern CONCURRENT = Pattern.compile("^(?:create (?:unique )?index concurrently "
            + "|drop index concurrently |reindex .*\\bconcurrently\\b"
            + "|alter table .* detach partition .* concurrently)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier) {
        List<Statement> statements = migration.statements();
        boolean anyConcurrent = statements.stream().anyMatch(ConcurrentStatementsAloneRule::concurrent);
        if (!anyConcurrent) {
            return List.of();
        }
        return statements.stream()
                .filter(statement -> !concurrent(statement))
                .findFirst()
                .map(other -> List.of(migration.problem(other, ID, "shares a migration with a CONCURRENTLY "
                        + "statement: Flyway runs such a migration outside a transaction and refuses to mix it with "
                        + "transactional statements. Put the CONCURRENTLY statements in a migration of their own")))
                .orElse(List.of());
    }

    private static boolean concurrent(Statement statement) {
        return CONCURRENT.matcher(statement.sql()).find();
    }
}
