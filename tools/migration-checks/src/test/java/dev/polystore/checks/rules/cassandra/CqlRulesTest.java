package dev.polystore.checks.rules.cassandra;

import static dev.polystore.checks.rules.RuleFixtures.assertOnly;
import static dev.polystore.checks.rules.RuleFixtures.assertPasses;
import static dev.polystore.checks.rules.RuleFixtures.check;

import dev.polystore.checks.Dialect;
import org.junit.jupiter.api.Test;

class CqlRulesTest {

    private static final String HISTORY = "cassandra/cql-no-primary-key-change/history/V1__events.cql";

    @Test
    void refusesRenamingAColumn() {
        assertOnly(CqlNoRenameRule.ID, check(Dialect.CASSANDRA, "cassandra/cql-no-rename/breaks.cql"), 1);
    }

    @Test
    void allowsANewColumnAndRenamesInANewTable() {
        assertPasses(check(Dialect.CASSANDRA, "cassandra/cql-no-rename/passes.cql"));
    }

    @Test
    void refusesChangingAColumnsType() {
        assertOnly(CqlNoTypeChangeRule.ID, check(Dialect.CASSANDRA, "cassandra/cql-no-type-change/breaks.cql"), 1);
    }

    @Test
    void allowsANewColumnOfTheNewType() {
        assertPasses(check(Dialect.CASSANDRA, "cassandra/cql-no-type-change/passes.cql"));
    }

    @Test
    void refusesCreatingAgainATableAnEarlierMigrationCreated() {
        assertOnly(CqlNoPrimaryKeyChangeRule.ID,
                check(Dialect.CASSANDRA, HISTORY, "cassandra/cql-no-primary-key-change/breaks.cql"), 3, 9);
    }

    @Test
    void allowsANewTableWithTheNewKey() {
        assertPasses(check(Dialect.CASSANDRA, HISTORY, "cassandra/cql-no-primary-key-change/passes.cql"));
    }

    @Test
    void refusesDroppingAColumnATableOrAKeyspaceWithoutMarker() {
        assertOnly(CqlDropNeedsMarkerRule.ID, check(Dialect.CASSANDRA, "cassandra/cql-drop-needs-marker/breaks.cql"),
                1, 2, 3);
    }

    @Test
    void allowsMarkedDropsAndDropsOfANewTable() {
        assertPasses(check(Dialect.CASSANDRA, "cassandra/cql-drop-needs-marker/passes.cql"));
    }

    @Test
    void refusesWhatAmazonKeyspacesDoesNotSupport() {
        assertOnly(CqlKeyspacesRule.ID, check(Dialect.CASSANDRA, "cassandra/cql-keyspaces/breaks.cql"),
                1, 2, 4, 5, 6, 7, 8, 10);
    }

    @Test
    void allowsWhatAmazonKeyspacesDocumentsAndCassandraOnlyStatements() {
        assertPasses(check(Dialect.CASSANDRA, "cassandra/cql-keyspaces/passes.cql"));
    }
}
