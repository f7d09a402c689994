package dev.polystore.checks.rules;

import dev.polystore.checks.Dialect;
import dev.polystore.checks.rules.cassandra.CqlDropNeedsMarkerRule;
import dev.polystore.checks.rules.cassandra.CqlKeyspacesRule;
import dev.polystore.checks.rules.cassandra.CqlNoPrimaryKeyChangeRule;
import dev.polystore.checks.rules.cassandra.CqlNoRenameRule;
import dev.polystore.checks.rules.cassandra.CqlNoTypeChangeRule;
import dev.polystore.checks.rules.postgres.ConcurrentStatementsAloneRule;
import dev.polystore.checks.rules.postgres.DropNeedsMarkerRule;
import dev.polystore.checks.rules.postgres.IndexConcurrentlyRule;
import dev.polystore.checks.rules.postgres.LockTimeoutRule;
import dev.polystore.checks.rules.postgres.NoRenameRule;
import dev.polystore.checks.rules.postgres.NoTypeChangeRule;
import dev.polystore.checks.rules.postgres.SafeAddColumnRule;
import dev.polystore.checks.rules.postgres.SafeConstraintRule;
import java.util.List;

/** The rules each dialect's migrations must pass. */
public final class Rules {

    private Rules() {
    }

    public static List<Rule> of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRES -> List.of(new NoRenameRule(), new NoTypeChangeRule(), new SafeAddColumnRule(),
                    new IndexConcurrentlyRule(), new ConcurrentStatementsAloneRule(), new SafeConstraintRule(),
                    new DropNeedsMarkerRule(), new LockTimeoutRule());
            case CASSANDRA -> List.of(new CqlNoRenameRule(), new CqlNoTypeChangeRule(),
                    new CqlNoPrimaryKeyChangeRule(), new CqlDropNeedsMarkerRule(), new CqlKeyspacesRule());
        };
    }
}
