package dev.polystore.checks.rules.postgres;

import static dev.polystore.checks.rules.RuleFixtures.assertOnly;
import static dev.polystore.checks.rules.RuleFixtures.assertPasses;
import static dev.polystore.checks.rules.RuleFixtures.check;

import dev.polystore.checks.Dialect;
import org.junit.jupiter.api.Test;

class NoRenameRuleTest {

    @Test
    void refusesRenamingAColumnOrATableOrMovingItsSchema() {
        assertOnly(NoRenameRule.ID, check(Dialect.POSTGRES, "postgres/no-rename/breaks.sql"), 2, 3, 4);
    }

    @Test
    void allowsTheExpandStepAConstraintRenameAndRenamesInANewTable() {
        assertPasses(check(Dialect.POSTGRES, "postgres/no-rename/passes.sql"));
    }
}
