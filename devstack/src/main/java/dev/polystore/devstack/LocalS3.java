package dev.polystore.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real S3 API (S3Proxy 4 over its filesystem store) in a child JVM on a free loopback port: SigV4 checked on
 * every request, presigned query URLs and browser POST policies evaluated, CORS open to local front-end origins.
 * It stands in for Amazon S3.
 *
 * <p>It runs apart from this JVM (see devstack/s3proxy-runtime for why) and can be stopped and started again on
 * the same port and data, so that tests can cut the store away under a running service. Get it from
 * {@link Devstack#s3()}, which also closes it at JVM exit.
 */
public final class LocalS3 implements LocalStore {

    /** Created at the first start and named by S3_BUCKET in {@link #env()}. */
    public static final String BUCKET = "polystore-local";
    public static final String REGION = "us-east-1";
    // Local-only development credentials for a server that listens on loopback only: not a secret.
    public static final String ACCESS_KEY = "polystore-local";
    public static final String SECRET_KEY = "polystore-local-secret";
    /**
     * The setting that names the origins browsers may upload from and download to (comma-separated, e.g.
     * {@code http://localhost:3000,https://app.example.com}): the same variable and list LocalStack's init script
     * and Terraform's {@code cors_allowed_origins} take.
     */
    public static final String CORS_ORIGINS_SETTING = "FILES_CORS_ALLOWED_ORIGINS";
    /** Without the setting: front ends on the usual dev-server ports may upload from the browser. */
    public static final List<String> CORS_ORIGINS = List.of("http://localhost:3000", "http://localhost:5173");

    private static final String HOST = "127.0.0.1";
    private static final String MAIN = "org.gaul.s3proxy.Main";
    /** S3 bucket names: 3 to 63 lower-case letters, digits, dots and hyphens. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** Generous: about a second alone, but two cores are shared with compilers and other test JVMs. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final List<String> corsOrigins = corsOrigins(System.getenv(CORS_ORIGINS_SETTING));
    private final S3ProxyFiles files;
    private final ChildJvm server;

    private LocalS3(int port, S3ProxyFiles files, List<Path> classPath) {
        this.port = port;
        this.files = files;
        // Jetty binds the port only once S3Proxy is ready to serve.
        this.server = new ChildJvm("S3 (S3Proxy) on " + endpoint(), command(files, classPath), files.directory(),
                files.log(), port, STARTUP_TIMEOUT, SHUTDOWN_TIMEOUT);
    }

    /** Starts a new server on a free port, its data under target/devstack of the working directory. */
    static LocalS3 launch() {
        List<Path> classPath = S3ProxyClassPath.jars();
        int port = FreePorts.pick();
        Path directory = Path.of("target", "devstack", "s3-" + port).toAbsolutePath();
        // Left behind by an earlier JVM that drew the same port: this JVM starts from empty.
        Directories.deleteRecursively(directory);
        S3ProxyFiles files = new S3ProxyFiles(directory);
        LocalS3 s3 = new LocalS3(port, files, classPath);
        files.write(s3.endpoint(), ACCESS_KEY, SECRET_KEY, s3.corsOrigins);
        s3.createBucket(BUCKET);
        s3.start();
        return s3;
    }

    /** The origins {@code setting} names ({@link #CORS_ORIGINS_SETTING}), or {@link #CORS_ORIGINS} when it is unset or blank. */
    static List<String> corsOrigins(String setting) {
        if (setting == null || setting.isBlank()) {
            return CORS_ORIGINS;
        }
        List<String> origins = new ArrayList<>();
        for (String origin : setting.split(",", -1)) {
            String trimmed = origin.strip();
            if (!trimmed.matches("https?://[^/*\\s]+")) {
                // The rule Terraform's cors_allowed_origins enforces: no path, no wildcard.
                throw new IllegalArgumentException(CORS_ORIGINS_SETTING + ": not an origin (scheme://host[:port]): '"
                        + trimmed + "'");
            }
            origins.add(trimmed);
        }
        return List.copyOf(origins);
    }

    /** The origins whose pages may send requests to it: {@link #CORS_ORIGINS_SETTING}, read at launch. */
    public List<String> corsOrigins() {
        return corsOrigins;
    }

    public int port() {
        return port;
    }

    /** http://127.0.0.1:PORT, the form S3_ENDPOINT takes; clients address buckets path-style under it. */
    public String endpoint() {
        return "http://" + HOST + ":" + port;
    }

    /**
     * Creates a bucket if it does not exist, running or not: the filesystem store holds a bucket as a folder, so
     * no signed request is needed. Tests use buckets of their own.
     */
    public void createBucket(String name) {
        if (!BUCKET_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an S3 bucket name: " + name);
        }
        try {
            Files.createDirectories(files.buckets().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create bucket " + name, e);
        }
    }

    /** Whether the store holds the object, read from disk: what a test checks, not what the API says. */
    public boolean hasObject(String bucket, String key) {
        return Files.isRegularFile(files.buckets().resolve(bucket).resolve(key));
    }

    /** Keys of every object in a bucket, read from disk. */
    public List<String> objectKeys(String bucket) {
        Path root = files.buckets().resolve(bucket);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> root.relativize(path).toString().replace(File.separatorChar, '/'))
                    .filter(key -> !key.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list bucket " + bucket, e);
        }
    }

    @Override
    public Map<String, String> env() {
        return Map.of(
                "S3_BUCKET", BUCKET,
                "S3_REGION", REGION,
                "S3_ENDPOINT", endpoint(),
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    /** Starts the server and returns once it accepts connections; after {@link #stop()} on the same port and data. */
    public void start() {
        server.start();
    }

    /** Stops the server and keeps its port and objects for {@link #start()}. */
    public void stop() {
        server.stop();
    }

    /** Its child JVM, to freeze (SIGSTOP) and thaw under a running service. */
    public Freezable processes() {
        return server;
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops the server for good and deletes its objects. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "LocalS3[" + endpoint() + ", " + files.directory() + "]";
    }

    private static List<String> command(S3ProxyFiles files, List<Path> classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dlogback.configurationFile=" + files.logbackConfig());
        command.add("-cp");
        List<String> entries = new ArrayList<>();
        entries.add(files.launcherClasses().toString());
        classPath.forEach(jar -> entries.add(jar.toString()));
        command.add(String.join(File.pathSeparator, entries));
        command.add(ChildJvmMain.class.getName());
        command.add(MAIN);
        command.add("--properties");
        command.add(files.properties().toString());
        return command;
    }
}
