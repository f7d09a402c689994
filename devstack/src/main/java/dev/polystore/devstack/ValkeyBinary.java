package dev.polystore.devstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The server executable: {@code valkey-server} or {@code redis-server} from PATH when present, otherwise
 * the Redis 6.2 linux-amd64 binary that com.github.codemonstur:embedded-redis ships as a resource.
 */
final class ValkeyBinary {

    private static final List<String> ON_PATH = List.of("valkey-server", "redis-server");
    private static final String EMBEDDED = "redis-server-6.2.6-v5-linux-amd64";

    private static Path resolved;

    private ValkeyBinary() {
    }

    static synchronized Path get() {
        if (resolved == null) {
            resolved = onPath().orElseGet(ValkeyBinary::extractEmbedded);
        }
        return resolved;
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : ON_PATH) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Copied next to the stores' data; through a temporary file, so parallel JVMs never run a half-written one. */
    private static Path extractEmbedded() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("no valkey-server or redis-server on PATH, and the embedded binary is for "
                    + "linux-amd64 only (this is " + os + "-" + arch + "): install valkey-server");
        }
        Path target = Path.of("target", "devstack", "bin", EMBEDDED).toAbsolutePath();
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream binary = ValkeyBinary.class.getResourceAsStream("/" + EMBEDDED)) {
            if (binary == null) {
                throw new IllegalStateException(EMBEDDED + " is not on the class path: "
                        + "add com.github.codemonstur:embedded-redis, or install valkey-server");
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), EMBEDDED, ".part");
            Files.copy(binary, partial, StandardCopyOption.REPLACE_EXISTING);
            if (!partial.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + partial + " executable");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + EMBEDDED + " to " + target, e);
        }
    }
}
