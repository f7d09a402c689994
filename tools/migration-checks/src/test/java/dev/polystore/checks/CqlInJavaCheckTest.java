package dev.polystore.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.checks.rules.cassandra.CqlKeyspacesRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CqlInJavaCheckTest {

    private static final String STORE = "services/files/src/main/java/dev/polystore/files/store/";

    @TempDir
    Path repo;

    @Test
    void refusesKeyspacesUnsupportedCqlInConcatenatedLiteralsAndTextBlocks() throws IOException {
        write(STORE + "Statements.java", """
                import com.datastax.oss.driver.api.core.CqlSession;
                class Statements {
                  static void prepare(CqlSession session, String columns) {
                    session.prepare("SELECT " + columns + " FROM files WHERE workspace_id = ?"
                        + " AND (created_at, file_id) < (?, ?) LIMIT ?");
                    session.prepare(\"""
                        UPDATE files USING TTL 0
                        SET status = 'READY' WHERE file_id = ?\""");
                    session.execute(String.format("TRUNCATE %s", "files"), List.of(")", "("));
                  }
                }
                """);

        CqlInJavaCheck.Result result = CqlInJavaCheck.check(repo);

        assertEquals(List.of(STORE + "Statements.java:4", STORE + "Statements.java:6",
                STORE + "Statements.java:9"), result.problems().stream().map(Problem::location).toList());
        result.problems().forEach(problem -> assertEquals(CqlKeyspacesRule.ID, problem.check()));
    }

    @Test
    void passesDocumentedCqlAndSourcesWithoutTheDriver() throws IOException {
        write(STORE + "Statements.java", """
                import com.datastax.oss.driver.api.core.CqlSession;
                class Statements {
                  // SELECT * FROM t WHERE (a, b) < (?, ?) in a comment is not run
                  static void prepare(CqlSession session, String columns, int ttl) {
                    session.prepare("SELECT file_id FROM files_by_workspace WHERE workspace_id = ?"
                        + " AND created_at = ? AND file_id < ? LIMIT ?");
                    session.prepare("INSERT INTO pending (id) VALUES (?) USING TTL " + ttl);
                    session.prepare("INSERT INTO pending (id) VALUES (?) USING TTL 0" + "0");
                  }
                }
                """);
        write("services/accounts/src/main/java/Sql.java", """
                class Sql { static final String INDEX = "CREATE INDEX CONCURRENTLY users_email ON users (email)"; }
                """);

        CqlInJavaCheck.Result result = CqlInJavaCheck.check(repo);

        assertEquals(List.of(), result.problems());
        assertEquals(1, result.files());
        assertEquals(3, result.statements());
    }

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
