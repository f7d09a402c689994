package dev.polystore.checks.rules;

import dev.polystore.checks.Problem;
import java.util.List;

/**
 * One deploy-safety rule for migrations. A migration runs while the previous release still serves
 * traffic, and that release keeps running on the migrated schema until the deploy finishes: a rule
 * refuses what would lock it out, break its queries or fail on rows it wrote.
 */
public interface Rule {

    /** The rule's id, as printed with each problem and listed in docs/migrations.md. */
    String id();

    /**
     * Checks one migration.
     *
     * @param migration the migration to check
     * @param earlier the same service's migrations before it, oldest first, for rules that need
     *                to know what an earlier migration did
     */
    List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier);
}
