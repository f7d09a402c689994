package dev.polystore.checks.rules.postgres;

import static dev.polystore.checks.rules.RuleFixtures.assertOnly;
import static dev.polystore.checks.rules.RuleFixtures.assertPasses;
import static dev.polystore.checks.rules.RuleFixtures.check;

import dev.polystore.checks.Dialect;
import org.junit.jupiter.api.Test;

class IndexConcurrentlyRuleTest {

    @Test
    void refusesAPlainIndexOnAnExistingTable() {
        assertOnly(IndexConcurrentlyRule.ID, check(Dialect.POSTGRES, "postgres/index-concurrently/breaks.sql"), 2, 3);
    }

    @Test
    void allowsAConcurrentIndex() {
        assertPasses(check(Dialect.POSTGRES, "postgres/index-concurrently/passes.sql"));
    }

    @Test
    void allowsAPlainIndexOnATableCreatedInTheSameMigration() {
        assertPasses(check(Dialect.POSTGRES, "postgres/index-concurrently/passes-new-table.sql"));
    }
}
