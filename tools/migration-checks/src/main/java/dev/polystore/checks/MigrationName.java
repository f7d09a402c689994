package dev.polystore.checks;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned migration's file name, {@code V<n>__<description>.sql} (or {@code .cql}), as Flyway
 * reads it. Versions are plain positive integers without leading zeros, so that "the next number"
 * is never ambiguous.
 *
 * @param version the migration's version
 * @param description the part after the double underscore, without the extension
 */
public record MigrationName(int version, String description) implements Comparable<MigrationName> {

    private static final Pattern VERSIONED = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)");

    /** Parses a file name of the given dialect, or returns empty when it is not a well-formed migration name. */
    public static Optional<MigrationName> parse(String fileName, Dialect dialect) {
        if (!fileName.endsWith(dialect.extension())) {
            return Optional.empty();
        }
        String stem = fileName.substring(0, fileName.length() - dialect.extension().length());
        Matcher m = VERSIONED.matcher(stem);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new MigrationName(Integer.parseInt(m.group(1)), m.group(2)));
    }

    @Override
    public int compareTo(MigrationName other) {
        int byVersion = Integer.compare(version, other.version);
        return byVersion != 0 ? byVersion : description.compareTo(other.description);
    }
}
