package dev.polystore.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One service's folder of migrations of one dialect, read from disk: its well-named migrations in
 * version order, the files whose names Flyway would misread, and its sum file if it has one.
 */
public final class MigrationDirectory {

    private final Path dir;
    private final String path;
    private final Dialect dialect;
    private final List<Migration> migrations;
    private final List<String> misnamedFiles;

    private MigrationDirectory(Path dir, String path, Dialect dialect, List<Migration> migrations,
                               List<String> misnamedFiles) {
        this.dir = dir;
        this.path = path;
        this.dialect = dialect;
        this.migrations = migrations;
        this.misnamedFiles = misnamedFiles;
    }

    /**
     * Reads a migration folder.
     *
     * @param repoRoot the repository root, to name files relative to it
     * @param dir the folder, e.g. {@code services/accounts/src/main/resources/db/accounts}
     */
    public static MigrationDirectory read(Path repoRoot, Path dir, Dialect dialect) {
        String relative = relativePath(repoRoot, dir);
        List<Migration> migrations = new ArrayList<>();
        List<String> misnamed = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (!fileName.endsWith(dialect.extension())) {
                    continue;
                }
                Optional<MigrationName> name = MigrationName.parse(fileName, dialect);
                if (name.isEmpty()) {
                    misnamed.add(fileName);
                    continue;
                }
                byte[] content = Files.readAllBytes(file);
                migrations.add(new Migration(relative + "/" + fileName, fileName, name.get(), content));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        migrations.sort(Comparator.comparing(Migration::name));
        return new MigrationDirectory(dir, relative, dialect, List.copyOf(migrations), List.copyOf(misnamed));
    }

    static String relativePath(Path repoRoot, Path file) {
        return repoRoot.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize())
                .toString().replace('\\', '/');
    }

    /** The folder on disk. */
    public Path dir() {
        return dir;
    }

    /** The folder's repo-relative path with forward slashes. */
    public String path() {
        return path;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The well-named migrations, in version order. */
    public List<Migration> migrations() {
        return migrations;
    }

    /** Files with the dialect's extension whose names are not {@code V<n>__<description>}. */
    public List<String> misnamedFiles() {
        return misnamedFiles;
    }

    /** The sum file's path, whether or not it exists. */
    public Path sumFile() {
        return dir.resolve(SumFile.FILE_NAME);
    }

    /** The sum file's text, or empty when there is none. */
    public Optional<String> sumFileText() {
        Path sum = sumFile();
        if (!Files.isRegularFile(sum)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(sum));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sum, e);
        }
    }
}
