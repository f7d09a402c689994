package dev.polystore.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The java executable for the Cassandra child JVM. Cassandra 5.0 runs on Java 11 and 17 only, and its
 * module flags (see {@link CassandraCommand}) are Java 17's: this JVM's java when it is a 17, otherwise a
 * JDK 17 from JAVA_HOME_17 or the usual install folders.
 */
final class CassandraJava {

    static final int FEATURE = 17;
    private static final List<Path> INSTALL_FOLDERS = List.of(
            Path.of("/usr/lib/jvm"),
            Path.of("/usr/java"),
            Path.of("/opt/java"),
            Path.of("/Library/Java/JavaVirtualMachines"),
            Path.of(System.getProperty("user.home"), ".sdkman", "candidates", "java"));

    private CassandraJava() {
    }

    static Path executable() {
        if (Runtime.version().feature() == FEATURE) {
            return javaIn(Path.of(System.getProperty("java.home")));
        }
        List<Path> homes = new ArrayList<>();
        Optional.ofNullable(System.getenv("JAVA_HOME_17")).filter(home -> !home.isBlank()).map(Path::of)
                .ifPresent(homes::add);
        INSTALL_FOLDERS.forEach(folder -> homes.addAll(children(folder)));
        return homes.stream()
                .map(home -> Files.isDirectory(home.resolve("Contents/Home")) ? home.resolve("Contents/Home") : home)
                .filter(CassandraJava::isJdk17)
                .findFirst()
                .map(CassandraJava::javaIn)
                .orElseThrow(() -> new IllegalStateException("the local Cassandra 5.0 needs Java 17 and this JVM is Java "
                        + Runtime.version().feature() + ": install a JDK 17 or set JAVA_HOME_17 to one"));
    }

    /** A JDK's release file says {@code JAVA_VERSION="17.0.15"}. */
    private static boolean isJdk17(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(javaIn(home))) {
            return false;
        }
        try (Stream<String> lines = Files.lines(release)) {
            return lines.anyMatch(line -> line.startsWith("JAVA_VERSION=\"" + FEATURE + ".")
                    || line.equals("JAVA_VERSION=\"" + FEATURE + "\""));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path javaIn(Path home) {
        return home.resolve("bin").resolve("java");
    }

    private static List<Path> children(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
