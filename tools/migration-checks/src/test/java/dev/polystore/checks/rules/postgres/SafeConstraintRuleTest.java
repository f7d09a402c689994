package dev.polystore.checks.rules.postgres;

import static dev.polystore.checks.rules.RuleFixtures.assertOnly;
import static dev.polystore.checks.rules.RuleFixtures.assertPasses;
import static dev.polystore.checks.rules.RuleFixtures.check;

import dev.polystore.checks.Dialect;
import org.junit.jupiter.api.Test;

class SafeConstraintRuleTest {

    @Test
    void refusesConstraintsThatLockOrCanFailOnExistingRows() {
        // SET NOT NULL, CHECK, FOREIGN KEY, UNIQUE, PRIMARY KEY, VALIDATE in the migration that adds NOT VALID.
        assertOnly(SafeConstraintRule.ID, check(Dialect.POSTGRES, "postgres/safe-constraint/breaks.sql"),
                2, 3, 4, 5, 6, 8);
    }

    @Test
    void allowsNotValidUsingIndexAndSetNotNullOnceAValidatedCheckProvesIt() {
        assertPasses(check(Dialect.POSTGRES,
                "postgres/safe-constraint/history/V1__locale_not_null_check.sql",
                "postgres/safe-constraint/history/V2__validate_locale_not_null.sql",
                "postgres/safe-constraint/passes.sql"));
    }

    @Test
    void refusesSetNotNullWhenTheCheckWasNeverValidated() {
        assertOnly(SafeConstraintRule.ID, check(Dialect.POSTGRES,
                "postgres/safe-constraint/history/V1__locale_not_null_check.sql",
                "postgres/safe-constraint/passes.sql"), 3);
    }
}
