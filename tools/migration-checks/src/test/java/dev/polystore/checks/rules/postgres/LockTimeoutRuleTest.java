package dev.polystore.checks.rules.postgres;

import static dev.polystore.checks.rules.RuleFixtures.assertOnly;
import static dev.polystore.checks.rules.RuleFixtures.assertPasses;
import static dev.polystore.checks.rules.RuleFixtures.check;

import dev.polystore.checks.Dialect;
import org.junit.jupiter.api.Test;

class LockTimeoutRuleTest {

    @Test
    void refusesLockingAnExistingTableBeforeSettingALockTimeout() {
        // A new table's foreign key locks the referenced table too.
        assertOnly(LockTimeoutRule.ID, check(Dialect.POSTGRES, "postgres/lock-timeout/breaks.sql"), 1);
    }

    @Test
    void allowsLocksAfterSetLockTimeout() {
        assertPasses(check(Dialect.POSTGRES, "postgres/lock-timeout/passes.sql"));
    }

    @Test
    void needsNoTimeoutWhenEveryTableIsNew() {
        assertPasses(check(Dialect.POSTGRES, "postgres/V1__users_workspaces_keys.sql"));
    }
}
