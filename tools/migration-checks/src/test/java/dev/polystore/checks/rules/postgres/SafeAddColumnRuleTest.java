package dev.polystore.checks.rules.postgres;

import static dev.polystore.checks.rules.RuleFixtures.assertOnly;
import static dev.polystore.checks.rules.RuleFixtures.assertPasses;
import static dev.polystore.checks.rules.RuleFixtures.check;

import dev.polystore.checks.Dialect;
import org.junit.jupiter.api.Test;

class SafeAddColumnRuleTest {

    @Test
    void refusesColumnsThatFailOnExistingRowsOrRewriteTheTable() {
        // NOT NULL without default, volatile default, serial, GENERATED, UNIQUE, CHECK with a default.
        assertOnly(SafeAddColumnRule.ID, check(Dialect.POSTGRES, "postgres/safe-add-column/breaks.sql"),
                2, 3, 4, 5, 6, 7);
    }

    @Test
    void allowsNullableColumnsAndConstantDefaults() {
        assertPasses(check(Dialect.POSTGRES, "postgres/safe-add-column/passes.sql"));
    }
}
