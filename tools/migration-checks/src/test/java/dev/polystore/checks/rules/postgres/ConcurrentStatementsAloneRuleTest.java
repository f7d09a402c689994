package dev.polystore.checks.rules.postgres;

import static dev.polystore.checks.rules.RuleFixtures.assertOnly;
import static dev.polystore.checks.rules.RuleFixtures.assertPasses;
import static dev.polystore.checks.rules.RuleFixtures.check;

import dev.polystore.checks.Dialect;
import org.junit.jupiter.api.Test;

class ConcurrentStatementsAloneRuleTest {

    @Test
    void refusesMixingAConcurrentIndexWithTransactionalStatements() {
        assertOnly(ConcurrentStatementsAloneRule.ID,
                check(Dialect.POSTGRES, "postgres/concurrent-alone/breaks.sql"), 1);
    }

    @Test
    void allowsAMigrationOfConcurrentStatementsOnly() {
        assertPasses(check(Dialect.POSTGRES, "postgres/concurrent-alone/passes.sql"));
    }
}
