package dev.polystore.checks;

import static dev.polystore.checks.MigrationTrees.ACCOUNTS;
import static dev.polystore.checks.MigrationTrees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SumFileCheckTest {

    @TempDir
    Path repo;

    private Path v1;

    @BeforeEach
    void writeAnAppliedMigrationAndItsSum() {
        v1 = write(repo, ACCOUNTS, "V1__users.sql", "CREATE TABLE users (user_id uuid PRIMARY KEY);\n");
        SumFileCheck.update(MigrationTrees.read(repo, ACCOUNTS)).orElseThrow();
    }

    @Test
    void writesOneLinePerMigrationUnderATotal() throws IOException {
        List<String> lines = Files.readAllLines(repo.resolve(ACCOUNTS).resolve(SumFile.FILE_NAME));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).matches("h1:[A-Za-z0-9+/]{43}="), lines.get(0));
        assertTrue(lines.get(1).matches("V1__users\\.sql h1:[A-Za-z0-9+/]{43}="), lines.get(1));
        assertEquals(List.of(), SumFileCheck.check(MigrationTrees.read(repo, ACCOUNTS)));
    }

    @Test
    void refusesAnEditedMigration() throws IOException {
        Files.writeString(v1, "CREATE TABLE users (user_id uuid PRIMARY KEY, email text);\n");
        List<Problem> problems = SumFileCheck.check(MigrationTrees.read(repo, ACCOUNTS));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().startsWith("changed since its hash was recorded"));
    }

    @Test
    void refusesANewMigrationMissingFromTheSumAndSaysHowToAddIt() {
        write(repo, ACCOUNTS, "V2__locale.sql", "ALTER TABLE users ADD COLUMN locale text;\n");
        List<Problem> problems = SumFileCheck.check(MigrationTrees.read(repo, ACCOUNTS));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("run tools/checks/run-all --update-sums"));

        String update = SumFileCheck.update(MigrationTrees.read(repo, ACCOUNTS)).orElseThrow();
        assertTrue(update.endsWith("added V2__locale.sql"), update);
        assertEquals(List.of(), SumFileCheck.check(MigrationTrees.read(repo, ACCOUNTS)));
    }

    @Test
    void refusesADeletedMigration() throws IOException {
        Files.delete(v1);
        List<Problem> problems = SumFileCheck.check(MigrationTrees.read(repo, ACCOUNTS));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("never deleted"));
    }

    @Test
    void refusesASumFileEditedByHand() throws IOException {
        Path sum = repo.resolve(ACCOUNTS).resolve(SumFile.FILE_NAME);
        String text = Files.readString(sum);
        String otherHash = SumFile.hash("something else".getBytes(StandardCharsets.UTF_8));
        Files.writeString(sum, text + "V2__locale.sql " + otherHash + "\n");
        write(repo, ACCOUNTS, "V2__locale.sql", "something else");
        List<Problem> problems = SumFileCheck.check(MigrationTrees.read(repo, ACCOUNTS));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("total hash"));
    }

    @Test
    void refusesAMissingSumFile() throws IOException {
        Files.delete(repo.resolve(ACCOUNTS).resolve(SumFile.FILE_NAME));
        List<Problem> problems = SumFileCheck.check(MigrationTrees.read(repo, ACCOUNTS));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().startsWith("missing"));
    }

    @Test
    void updateNamesAMigrationWhoseHashChanged() throws IOException {
        Files.writeString(v1, "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        String update = SumFileCheck.update(MigrationTrees.read(repo, ACCOUNTS)).orElseThrow();
        assertTrue(update.endsWith("CHANGED V1__users.sql"), update);
    }

    @Test
    void readsCrlfAsLfSoThatACheckoutsLineEndingsAreNoEdit() throws IOException {
        Files.writeString(v1, "CREATE TABLE users (user_id uuid PRIMARY KEY);\r\n");
        assertEquals(List.of(), SumFileCheck.check(MigrationTrees.read(repo, ACCOUNTS)));
    }
}
