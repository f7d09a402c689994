package dev.polystore.checks;

/** The two kinds of schema migration a service can own, told apart by folder and extension. */
public enum Dialect {
    /** Flyway SQL migrations under {@code src/main/resources/db/<service>/}. */
    POSTGRES("db", ".sql"),
    /** CQL migrations for Cassandra and Amazon Keyspaces under {@code src/main/resources/cql/<service>/}. */
    CASSANDRA("cql", ".cql");

    private final String folder;
    private final String extension;

    Dialect(String folder, String extension) {
        this.folder = folder;
        this.extension = extension;
    }

    /** The folder under {@code src/main/resources} that holds one sub-folder of migrations per service. */
    public String folder() {
        return folder;
    }

    /** The file extension of a migration, with its dot. */
    public String extension() {
        return extension;
    }
}
