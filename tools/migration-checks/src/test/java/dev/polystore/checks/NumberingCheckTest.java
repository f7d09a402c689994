package dev.polystore.checks;

import static dev.polystore.checks.MigrationTrees.ACCOUNTS;
import static dev.polystore.checks.MigrationTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumberingCheckTest {

    @TempDir
    Path repo;

    @Test
    void passesVersionsThatRunFromOneWithoutGaps() {
        write(repo, ACCOUNTS, "V1__users.sql", "SELECT 1;");
        write(repo, ACCOUNTS, "V2__locale.sql", "SELECT 1;");
        assertEquals(List.of(), NumberingCheck.check(MigrationTrees.read(repo, ACCOUNTS)));
    }

    @Test
    void refusesTwoMigrationsWithTheSameVersion() {
        write(repo, ACCOUNTS, "V1__users.sql", "SELECT 1;");
        write(repo, ACCOUNTS, "V2__locale.sql", "SELECT 1;");
        write(repo, ACCOUNTS, "V2__avatar.sql", "SELECT 1;");
        List<Problem> problems = NumberingCheck.check(MigrationTrees.read(repo, ACCOUNTS));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("V2 is used by V2__avatar.sql and V2__locale.sql"),
                problems.get(0).message());
        assertTrue(problems.get(0).message().contains("(V3)"), problems.get(0).message());
    }

    @Test
    void refusesAGapAndAFirstVersionOtherThanOne() {
        write(repo, ACCOUNTS, "V2__users.sql", "SELECT 1;");
        write(repo, ACCOUNTS, "V4__locale.sql", "SELECT 1;");
        List<Problem> problems = NumberingCheck.check(MigrationTrees.read(repo, ACCOUNTS));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("must be V1"));
        assertTrue(problems.get(1).message().contains("jump from V2 to V4"));
    }

    @Test
    void refusesNamesFlywayWouldReadDifferently() {
        write(repo, ACCOUNTS, "V1__users.sql", "SELECT 1;");
        write(repo, ACCOUNTS, "V02__leading_zero.sql", "SELECT 1;");
        write(repo, ACCOUNTS, "R__views.sql", "SELECT 1;");
        write(repo, ACCOUNTS, "V3_one_underscore.sql", "SELECT 1;");
        List<Problem> problems = NumberingCheck.check(MigrationTrees.read(repo, ACCOUNTS));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.message().startsWith("not a versioned migration name")));
    }
}
