package dev.polystore.checks.rules.postgres;

import static dev.polystore.checks.rules.RuleFixtures.assertOnly;
import static dev.polystore.checks.rules.RuleFixtures.assertPasses;
import static dev.polystore.checks.rules.RuleFixtures.check;

import dev.polystore.checks.Dialect;
import org.junit.jupiter.api.Test;

class NoTypeChangeRuleTest {

    @Test
    void refusesChangingAColumnsTypeInEitherSpelling() {
        assertOnly(NoTypeChangeRule.ID, check(Dialect.POSTGRES, "postgres/no-type-change/breaks.sql"), 2, 3);
    }

    @Test
    void allowsANewColumnOfTheNewTypeAndChangesInANewTable() {
        assertPasses(check(Dialect.POSTGRES, "postgres/no-type-change/passes.sql"));
    }
}
