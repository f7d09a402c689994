package dev.polystore.checks.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.polystore.checks.Dialect;
import dev.polystore.checks.Migration;
import dev.polystore.checks.MigrationName;
import dev.polystore.checks.Problem;
import dev.polystore.checks.RulesCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs every rule of a dialect over fixture migrations from {@code src/test/resources/migrations/}.
 * The last resource is the migration under test; the ones before it play the service's earlier
 * migrations, numbered from V1.
 */
public final class RuleFixtures {

    private RuleFixtures() {
    }

    public static List<Problem> check(Dialect dialect, String... resources) {
        List<Migration> migrations = new ArrayList<>();
        for (int i = 0; i < resources.length; i++) {
            String path = "migrations/" + resources[i];
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            migrations.add(new Migration(path, fileName, new MigrationName(i + 1, "fixture"), read(path)));
        }
        return RulesCheck.check(migrations, dialect);
    }

    /** Asserts that exactly {@code count} problems were found, all by {@code rule}, at the given lines. */
    public static void assertOnly(String rule, List<Problem> problems, int... lines) {
        String listing = problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
        if (problems.stream().anyMatch(p -> !p.check().equals(rule))) {
            fail("expected only " + rule + " problems, got:\n" + listing);
        }
        assertEquals(lines.length, problems.size(), "problems:\n" + listing);
        for (int i = 0; i < lines.length; i++) {
            String location = problems.get(i).location();
            assertTrue(location.endsWith(":" + lines[i]), "problem " + i + " at " + location + ", expected line "
                    + lines[i] + "\n" + listing);
        }
    }

    /** Asserts that no rule found anything. */
    public static void assertPasses(List<Problem> problems) {
        assertTrue(problems.isEmpty(), () -> "expected no problem, got:\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    }

    private static byte[] read(String path) {
        try (InputStream in = RuleFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
