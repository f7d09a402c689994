package dev.polystore.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small repository trees with migration folders for the tests. */
final class MigrationTrees {

    static final String ACCOUNTS = "services/accounts/src/main/resources/db/accounts";
    static final String ACTIVITY = "services/activity/src/main/resources/cql/activity";

    private MigrationTrees() {
    }

    static Path write(Path repo, String folder, String fileName, String content) {
        Path file = repo.resolve(folder).resolve(fileName);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static MigrationDirectory read(Path repo, String folder) {
        return MigrationDirectories.find(repo).stream()
                .filter(dir -> dir.path().equals(folder))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no migration folder " + folder));
    }
}
