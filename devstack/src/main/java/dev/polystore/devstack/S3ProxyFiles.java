package dev.polystore.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files of one local S3 under its directory: S3Proxy's properties, a quiet logback configuration, the
 * {@link ChildJvmMain} class, the log, and the buckets (one folder each: S3Proxy's filesystem store).
 */
final class S3ProxyFiles {

    /** S3Proxy logs every Jetty selector wake-up at DEBUG by default. */
    private static final String LOGBACK = """
            <configuration>
              <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="out"/></root>
            </configuration>
            """;

    private final Path directory;

    S3ProxyFiles(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    Path properties() {
        return directory.resolve("s3proxy.properties");
    }

    Path logbackConfig() {
        return directory.resolve("logback.xml");
    }

    Path launcherClasses() {
        return directory.resolve("launcher");
    }

    /** One folder per bucket. */
    Path buckets() {
        return directory.resolve("buckets");
    }

    /** The child's standard output and error, appended to across restarts. */
    Path log() {
        return directory.resolve("s3proxy.log");
    }

    void write(String endpoint, String accessKey, String secretKey, List<String> corsOrigins) {
        try {
            Files.createDirectories(buckets());
            Files.writeString(properties(), String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    // Real SigV4 checks (header and query signatures, POST policies) with local-only credentials.
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    // S3Proxy reads each origin as a regular expression: quoted, each matches itself only
                    // (backslashes doubled for the properties format).
                    "s3proxy.cors-allow-origins=" + String.join(" ", corsOrigins.stream()
                            .map(origin -> Pattern.quote(origin).replace("\\", "\\\\")).toList()),
                    "s3proxy.cors-allow-methods=GET HEAD PUT POST",
                    "s3proxy.cors-allow-headers=*",
                    "s3proxy.cors-exposed-headers=ETag",
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + buckets(),
                    "jclouds.identity=" + accessKey,
                    "jclouds.credential=" + secretKey,
                    ""));
            Files.writeString(logbackConfig(), LOGBACK);
            copyLauncher();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the local S3's files in " + directory, e);
        }
    }

    private void copyLauncher() throws IOException {
        String name = ChildJvmMain.class.getSimpleName() + ".class";
        Path target = launcherClasses().resolve(ChildJvmMain.class.getPackageName().replace('.', '/')).resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = ChildJvmMain.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on devstack's class path");
            }
            Files.write(target, in.readAllBytes());
        }
    }
}
