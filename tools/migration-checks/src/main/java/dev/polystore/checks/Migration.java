package dev.polystore.checks;

import java.nio.charset.StandardCharsets;

/**
 * One migration file as found on disk (or at a git ref).
 *
 * @param path the file's repo-relative path with forward slashes, for messages
 * @param fileName the file's name
 * @param name its parsed version and description
 * @param content its bytes
 */
public record Migration(String path, String fileName, MigrationName name, byte[] content) {

    /** The file's text, decoded as UTF-8. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** {@code V<n>}, how messages name a migration's version. */
    public String versionLabel() {
        return "V" + name.version();
    }
}
