package dev.polystore.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on a free loopback port, with password
 * authentication and one database per service, like the managed Aurora cluster it stands in for.
 *
 * <p>It can be stopped and started again on the same port and data, so that tests can cut the store
 * away under a running service. Get it from {@link Devstack#postgres()}, which also closes it at JVM exit.
 */
public final class LocalPostgres implements LocalStore {

    /** The databases a docker-compose init script would create: one per service that owns PostgreSQL data. */
    public static final List<String> SERVICE_DATABASES = List.of("accounts", "messenger");

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String HOST = "127.0.0.1";
    // Local-only development credentials for a server that listens on loopback only: not a secret.
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final String ADMIN_DATABASE = "postgres";
    /** Generous: two cores shared with compilers and other test JVMs can make a start slow. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final Path dataDirectory;
    private final PostgresAdmin admin;
    /** The running server, null while stopped. zonky's instance lives for one postmaster only. */
    private EmbeddedPostgres server;
    private final Freezer freezer = new Freezer();
    private boolean closed;

    private LocalPostgres(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.admin = new PostgresAdmin(plainJdbcUrl(ADMIN_DATABASE), USER, PASSWORD);
    }

    /** Starts a new server on a free port, its data under target/devstack of the working directory. */
    static LocalPostgres launch() {
        int port = FreePorts.pick();
        Path dataDirectory = Path.of("target", "devstack", "postgres-" + port).toAbsolutePath();
        // Left behind by an earlier JVM that drew the same port: this JVM starts from empty.
        Directories.deleteRecursively(dataDirectory);
        LocalPostgres postgres = new LocalPostgres(port, dataDirectory);
        postgres.start();
        return postgres;
    }

    public int port() {
        return port;
    }

    public String host() {
        return HOST;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** libpq-style URL with credentials to the "postgres" database, the form POSTGRES_WRITER_CONN takes. */
    public String connectionUrl() {
        return "postgresql://" + USER + ":" + PASSWORD + "@" + HOST + ":" + port + "/" + ADMIN_DATABASE;
    }

    /**
     * JDBC URL for a database on this server. It carries no credentials: pass {@link #user()} and
     * {@link #password()} (credentials in a pgjdbc URL would override the ones passed beside it).
     */
    public String jdbcUrl(String database) {
        return plainJdbcUrl(database);
    }

    /** Creates a database if it does not exist, so that a test can start from an empty one. */
    public void createDatabase(String name) {
        admin.createDatabase(name);
    }

    /** Drops a database if it exists, terminating its connections first. */
    public void dropDatabase(String name) {
        admin.dropDatabase(name);
    }

    /** Only the writer: POSTGRES_READER_CONN defaults to it, and a test that swaps the writer swaps both. */
    @Override
    public Map<String, String> env() {
        return Map.of("POSTGRES_WRITER_CONN", connectionUrl());
    }

    /**
     * Starts the server; after {@link #stop()} on the same port with the same data. The first start
     * also creates the cluster, sets the password and creates the {@link #SERVICE_DATABASES}.
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is closed");
        }
        if (server != null) {
            return;
        }
        boolean firstStart = !Files.exists(dataDirectory.resolve("PG_VERSION"));
        long began = System.nanoTime();
        EmbeddedPostgres started = startPostmaster();
        try {
            if (firstStart) {
                initialize();
            }
        } catch (RuntimeException e) {
            closeQuietly(started);
            throw e;
        }
        server = started;
        LOG.info("PostgreSQL {} {} on {}:{} in {} ms, data in {}", version(), firstStart ? "started" : "restarted",
                HOST, port, (System.nanoTime() - began) / 1_000_000, dataDirectory);
    }

    /** Its postmaster and backends, to freeze (SIGSTOP) and thaw under a running service. */
    public Freezable processes() {
        return new Freezable() {
            @Override
            public void freeze() {
                synchronized (LocalPostgres.this) {
                    if (server == null) {
                        throw new IllegalStateException("PostgreSQL on port " + port + " is not running");
                    }
                    freezer.freeze(postmaster());
                }
            }

            @Override
            public void thaw() {
                freezer.thaw();
            }
        };
    }

    /** Stops the server (pg_ctl stop -m fast) and keeps its port and data for {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        freezer.thaw(); // a frozen postmaster would not act on pg_ctl stop
        EmbeddedPostgres running = server;
        server = null;
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL on port " + port, e);
        }
        // zonky logs a failed pg_ctl stop instead of throwing; a postmaster that still runs keeps its pid file.
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            throw new IllegalStateException("PostgreSQL on port " + port + " did not stop; see pg_ctl's output above");
        }
        LOG.info("PostgreSQL on {}:{} stopped", HOST, port);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Stops the server for good and deletes its data: the next JVM gets a new port and a new directory,
     * so nothing would ever read it again.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        Directories.deleteRecursively(dataDirectory);
    }

    @Override
    public String toString() {
        return "LocalPostgres[" + HOST + ":" + port + ", " + dataDirectory + "]";
    }

    /**
     * A new zonky instance per start: zonky runs initdb only when the directory holds no cluster yet,
     * and one instance can start its postmaster only once.
     */
    private EmbeddedPostgres startPostmaster() {
        try {
            return EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false) // keep the data for the next start
                    .setRegisterShutdownHook(false) // Devstack closes once at exit, not once per start
                    .setPGStartupWait(STARTUP_TIMEOUT)
                    .setServerConfig("listen_addresses", HOST)
                    .setServerConfig("unix_socket_directories", "") // TCP on loopback only
                    // zonky turns synchronous_commit off; local mode keeps every acknowledged commit (Durability).
                    .setServerConfig("fsync", Durability.onWhenDurable())
                    .setServerConfig("synchronous_commit", Durability.onWhenDurable())
                    .setServerConfig("full_page_writes", Durability.onWhenDurable())
                    .setConnectConfig("password", PASSWORD) // zonky's readiness probe logs in too
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL on port " + port + " in " + dataDirectory, e);
        }
    }

    /** What a docker-compose init script would do, on the still trusting fresh cluster. */
    private void initialize() {
        admin.setPassword(USER, PASSWORD);
        SERVICE_DATABASES.forEach(admin::createDatabase);
        PasswordAuthentication.require(dataDirectory, admin);
    }

    /** The postmaster, by the pid on the first line of its postmaster.pid. */
    private ProcessHandle postmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster with pid " + pid));
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid in " + dataDirectory, e);
        }
    }

    private String version() {
        try {
            return Files.readString(dataDirectory.resolve("PG_VERSION")).trim();
        } catch (IOException e) {
            return "(unknown version)";
        }
    }

    private String plainJdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    private void closeQuietly(EmbeddedPostgres started) {
        try {
            started.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not stop PostgreSQL on port {} after a failed start", port, e);
        }
    }
}
