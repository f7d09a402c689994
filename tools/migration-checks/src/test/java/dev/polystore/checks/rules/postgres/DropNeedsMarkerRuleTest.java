package dev.polystore.checks.rules.postgres;

import static dev.polystore.checks.rules.RuleFixtures.assertOnly;
import static dev.polystore.checks.rules.RuleFixtures.assertPasses;
import static dev.polystore.checks.rules.RuleFixtures.check;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.checks.Dialect;
import dev.polystore.checks.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropNeedsMarkerRuleTest {

    @Test
    void refusesDropsWithoutAMarkerOrWithAMarkerWithoutReason() {
        List<Problem> problems = check(Dialect.POSTGRES, "postgres/drop-needs-marker/breaks.sql");
        assertOnly(DropNeedsMarkerRule.ID, problems, 2, 3, 5);
        assertTrue(problems.get(2).message().contains("has no reason"), problems.get(2).message());
    }

    @Test
    void allowsMarkedDropsConstraintDropsAndDropsOfANewTable() {
        assertPasses(check(Dialect.POSTGRES, "postgres/drop-needs-marker/passes.sql"));
    }
}
