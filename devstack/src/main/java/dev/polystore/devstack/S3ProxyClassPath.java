package dev.polystore.devstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The class path of the local S3: s3proxy and its dependencies, resolved apart from ours (devstack/s3proxy-runtime). */
final class S3ProxyClassPath {

    /** Written at build time by devstack/s3proxy-runtime: absolute jar paths in the local Maven repository. */
    private static final String LISTING = "dev/polystore/devstack/s3proxy-runtime.classpath";

    private S3ProxyClassPath() {
    }

    /** The jars, each checked to exist, so that a purged Maven repository fails here with one clear line. */
    static List<Path> jars() {
        List<Path> jars = Stream.of(listing().split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                .map(Path::of).toList();
        jars.stream().filter(jar -> !Files.isRegularFile(jar)).findFirst().ifPresent(gone -> {
            throw new IllegalStateException("the local S3's class path names " + gone
                    + ", which is gone: rebuild devstack/s3proxy-runtime");
        });
        return jars;
    }

    private static String listing() {
        try (InputStream in = S3ProxyClassPath.class.getClassLoader().getResourceAsStream(LISTING)) {
            if (in == null) {
                throw new IllegalStateException(LISTING + " is not on the class path: build devstack/s3proxy-runtime"
                        + " (./mvnw -pl devstack -am install)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + LISTING, e);
        }
    }
}
