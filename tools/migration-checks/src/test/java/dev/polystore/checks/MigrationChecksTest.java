package dev.polystore.checks;

import static dev.polystore.checks.MigrationTrees.ACCOUNTS;
import static dev.polystore.checks.MigrationTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationChecksTest {

    @TempDir
    Path repo;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void passesARepositoryWithoutMigrations() {
        assertEquals(0, run(false));
        assertTrue(output().contains("no migration folders"), output());
    }

    @Test
    void createsTheSumFileThenPassesAndFailsOnceAMigrationBreaksARule() {
        write(repo, ACCOUNTS, "V1__users.sql", "CREATE TABLE users (user_id uuid PRIMARY KEY, display_name text);\n");
        assertEquals(1, run(false), output());
        assertTrue(output().contains("[sum] missing"), output());

        assertEquals(0, run(true), output());
        assertTrue(output().contains("created " + ACCOUNTS + "/migrations.sum: added V1__users.sql"), output());
        assertTrue(output().contains("1 migration in 1 folder pass"), output());

        write(repo, ACCOUNTS, "V2__full_name.sql", "SET LOCAL lock_timeout = '5s';\n"
                + "ALTER TABLE users RENAME COLUMN display_name TO full_name;\n");
        assertEquals(1, run(true), output());
        assertTrue(output().contains("FAIL " + ACCOUNTS + "/V2__full_name.sql:2: [no-rename] renames column "
                + "display_name of users to full_name"), output());
    }

    private int run(boolean updateSums) {
        output.reset();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        return new MigrationChecks(repo, Optional.empty(), Optional.empty(), updateSums, out).run();
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
