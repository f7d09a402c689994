package dev.polystore.checks;

import dev.polystore.checks.rules.cassandra.CqlKeyspacesRule;
import dev.polystore.checks.rules.cassandra.KeyspacesCql;
import dev.polystore.checks.statements.JavaCqlStrings;
import dev.polystore.checks.statements.Statement;
import dev.polystore.checks.statements.StatementSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code cql-keyspaces} rule over the statements the code runs, not only the migrations: every
 * CQL string of every main Java source under {@code services/} that uses the Cassandra driver.
 */
public final class CqlInJavaCheck {

    private static final String DRIVER = "com.datastax.oss.driver";

    /** What was read, for the report line, and what was found. */
    public record Result(int files, int statements, List<Problem> problems) {
    }

    private CqlInJavaCheck() {
    }

    public static Result check(Path repo) {
        List<Path> sources = sources(repo);
        List<Problem> problems = new ArrayList<>();
        int statements = 0;
        for (Path source : sources) {
            String location = repo.relativize(source).toString().replace('\\', '/');
            for (JavaCqlStrings.Found found : JavaCqlStrings.in(read(source))) {
                statements++;
                for (String refusal : KeyspacesCql.refusals(normalised(found.cql()))) {
                    problems.add(new Problem(location + ":" + found.line(), CqlKeyspacesRule.ID,
                            "Amazon Keyspaces refuses " + refusal));
                }
            }
        }
        return new Result(sources.size(), statements, problems);
    }

    /** The statement as the migration rules see it; as written when a piece of it cannot be lexed alone. */
    private static String normalised(String cql) {
        try {
            return String.join(" ; ", StatementSplitter.split(cql, Dialect.CASSANDRA).stream().map(Statement::sql).toList());
        } catch (IllegalArgumentException e) {
            return cql;
        }
    }

    private static List<Path> sources(Path repo) {
        Path services = repo.resolve("services");
        if (!Files.isDirectory(services)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(services)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().replace('\\', '/').contains("/src/main/java/"))
                    .filter(p -> read(p).contains(DRIVER))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
