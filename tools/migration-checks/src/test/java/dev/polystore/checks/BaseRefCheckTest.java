package dev.polystore.checks;

import static dev.polystore.checks.MigrationTrees.ACCOUNTS;
import static dev.polystore.checks.MigrationTrees.ACTIVITY;
import static dev.polystore.checks.MigrationTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseRefCheckTest {

    @TempDir
    Path repo;

    @BeforeEach
    void commitTwoAppliedMigrations() throws Exception {
        git("init", "-q");
        write(repo, ACCOUNTS, "V1__users.sql", "CREATE TABLE users (user_id uuid PRIMARY KEY);\n");
        write(repo, ACCOUNTS, "V2__locale.sql", "ALTER TABLE users ADD COLUMN locale text;\n");
        write(repo, ACTIVITY, "V1__events.cql", "CREATE TABLE events (id uuid PRIMARY KEY);\n");
        git("add", ".");
        git("commit", "-q", "-m", "base");
    }

    @Test
    void passesOneNewMigrationNumberedAfterTheLast() {
        write(repo, ACCOUNTS, "V3__avatar.sql", "ALTER TABLE users ADD COLUMN avatar text;\n");
        write(repo, ACTIVITY, "V2__kind.cql", "ALTER TABLE events ADD kind text;\n");
        assertEquals(List.of(), check());
    }

    @Test
    void refusesAnEditedMigration() throws IOException {
        Path v2 = repo.resolve(ACCOUNTS).resolve("V2__locale.sql");
        Files.writeString(v2, "ALTER TABLE users ADD COLUMN lang text;\n");
        List<Problem> problems = check();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().startsWith("edited since HEAD"), problems.get(0).message());
    }

    @Test
    void refusesADeletedOrRenamedMigration() throws IOException {
        Path cql = repo.resolve(ACTIVITY).resolve("V1__events.cql");
        Files.move(cql, cql.resolveSibling("V1__activity_events.cql"));
        List<Problem> problems = check();
        // A rename reads as the old file gone and a new one reusing its version: both are reported.
        assertEquals(2, problems.size(), problems.toString());
        assertEquals(ACTIVITY + "/V1__events.cql", problems.get(0).location());
        assertTrue(problems.get(0).message().contains("deleted or renamed"));
        assertTrue(problems.get(1).message().contains("number it V2"));
    }

    @Test
    void refusesTwoNewMigrationsInOneService() {
        write(repo, ACCOUNTS, "V3__avatar.sql", "ALTER TABLE users ADD COLUMN avatar text;\n");
        write(repo, ACCOUNTS, "V4__bio.sql", "ALTER TABLE users ADD COLUMN bio text;\n");
        List<Problem> problems = check();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().startsWith("adds 2 migrations since HEAD"));
    }

    @Test
    void refusesANewMigrationThatReusesABaseVersion() {
        write(repo, ACCOUNTS, "V2__avatar.sql", "ALTER TABLE users ADD COLUMN avatar text;\n");
        List<Problem> problems = check();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("number it V3"), problems.get(0).message());
    }

    @Test
    void againstAReleaseChecksEditsButNotHowManyMigrationsWereAdded() throws IOException {
        write(repo, ACCOUNTS, "V3__avatar.sql", "ALTER TABLE users ADD COLUMN avatar text;\n");
        write(repo, ACCOUNTS, "V4__bio.sql", "ALTER TABLE users ADD COLUMN bio text;\n");
        assertEquals(List.of(), BaseRefCheck.check(new Git(repo), "HEAD", MigrationDirectories.find(repo), false));

        Files.writeString(repo.resolve(ACCOUNTS).resolve("V1__users.sql"), "CREATE TABLE users (id bigint);\n");
        assertEquals(1, BaseRefCheck.check(new Git(repo), "HEAD", MigrationDirectories.find(repo), false).size());
    }

    @Test
    void reportsAnUnknownRef() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BaseRefCheck.check(new Git(repo), "no-such-ref", MigrationDirectories.find(repo), true));
        assertTrue(e.getMessage().contains("rev-parse"), e.getMessage());
    }

    private List<Problem> check() {
        return BaseRefCheck.check(new Git(repo), "HEAD", MigrationDirectories.find(repo), true);
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(),
                "-c", "user.name=checks", "-c", "user.email=checks@polystore.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }
}
