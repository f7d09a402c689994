package dev.polystore.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds every service's migration folders: {@code services/<module>/src/main/resources/db/<service>/}
 * for PostgreSQL and {@code .../cql/<service>/} for Cassandra. Test resources are not migrations.
 */
public final class MigrationDirectories {

    /** Matches a repo-relative migration file path; group 1 is its folder. */
    public static final Pattern MIGRATION_FILE =
            Pattern.compile("(services/[^/]+/src/main/resources/(?:db|cql)/[^/]+)/[^/]+\\.(?:sql|cql)");

    private MigrationDirectories() {
    }

    /** The migration folders under {@code repoRoot}, sorted by path. */
    public static List<MigrationDirectory> find(Path repoRoot) {
        Path services = repoRoot.resolve("services");
        List<MigrationDirectory> found = new ArrayList<>();
        if (!Files.isDirectory(services)) {
            return found;
        }
        for (Path module : subfolders(services)) {
            for (Dialect dialect : Dialect.values()) {
                Path parent = module.resolve("src/main/resources").resolve(dialect.folder());
                if (Files.isDirectory(parent)) {
                    for (Path dir : subfolders(parent)) {
                        found.add(MigrationDirectory.read(repoRoot, dir, dialect));
                    }
                }
            }
        }
        return found;
    }

    /** The dialect of a migration folder's repo-relative path. */
    public static Dialect dialectOfFolder(String folder) {
        return folder.contains("/src/main/resources/" + Dialect.CASSANDRA.folder() + "/")
                ? Dialect.CASSANDRA : Dialect.POSTGRES;
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
