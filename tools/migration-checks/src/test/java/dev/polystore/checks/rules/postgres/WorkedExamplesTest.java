package dev.polystore.checks.rules.postgres;

import static dev.polystore.checks.rules.RuleFixtures.assertOnly;
import static dev.polystore.checks.rules.RuleFixtures.assertPasses;
import static dev.polystore.checks.rules.RuleFixtures.check;

import dev.polystore.checks.Dialect;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The multi-release examples of docs/migrations.md pass every rule, step by step. */
class WorkedExamplesTest {

    private static final String[] RENAME = {
        "V1__users_workspaces_keys.sql",
        "V2__users_add_full_name.sql",
        "V3__users_backfill_full_name.sql",
        "V4__users_validate_full_name.sql",
        "V5__users_full_name_required.sql",
        "V6__users_drop_display_name.sql",
    };

    private static final String[] TYPE_CHANGE = {
        "V1__users_workspaces_keys.sql",
        "V2__memberships_add_role_kind.sql",
        "V3__memberships_backfill_role_kind.sql",
        "V4__memberships_validate_role_kind.sql",
        "V5__memberships_role_kind_required.sql",
        "V6__memberships_drop_role.sql",
    };

    @Test
    void renamingDisplayNameToFullNameInFiveReleasesPasses() {
        assertPasses(check(Dialect.POSTGRES, paths("worked-example-rename", RENAME)));
    }

    @Test
    void changingTheRoleColumnsTypeInFiveReleasesPasses() {
        assertPasses(check(Dialect.POSTGRES, paths("worked-example-type-change", TYPE_CHANGE)));
    }

    @Test
    void skippingTheValidationReleaseIsRefused() {
        String[] withoutValidation = {RENAME[0], RENAME[1], RENAME[2], RENAME[4]};
        assertOnly(SafeConstraintRule.ID, check(Dialect.POSTGRES, paths("worked-example-rename", withoutValidation)),
                5);
    }

    private static String[] paths(String folder, String... files) {
        return IntStream.range(0, files.length)
                .mapToObj(i -> "postgres/" + folder + "/" + files[i])
                .toArray(String[]::new);
    }
}
