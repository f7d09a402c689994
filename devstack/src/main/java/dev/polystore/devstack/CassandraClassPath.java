package dev.polystore.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The class path of the local Cassandra node: cassandra-all and its dependencies, resolved by Maven apart from
 * ours (module devstack/cassandra-runtime) so that none of them clashes with a service's own libraries.
 */
final class CassandraClassPath {

    /** Written at build time by devstack/cassandra-runtime: absolute jar paths in the local Maven repository. */
    private static final String RESOURCE = "dev/polystore/devstack/cassandra-runtime.classpath";

    private CassandraClassPath() {
    }

    /** The jars, each checked to exist, so a purged Maven repository fails here with one clear line. */
    static List<Path> jars() {
        String listing;
        try (InputStream in = CassandraClassPath.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: build devstack/cassandra-runtime"
                        + " (./mvnw -pl devstack -am install)");
            }
            listing = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
        List<Path> jars = Arrays.stream(listing.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .toList();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the local Cassandra's class path names " + jar
                        + ", which is gone: rebuild devstack/cassandra-runtime");
            }
        }
        return jars;
    }
}
