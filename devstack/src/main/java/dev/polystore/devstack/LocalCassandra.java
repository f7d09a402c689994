package dev.polystore.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Cassandra 5.0 node (cassandra-all) in a child JVM: single node, loopback, free ports, data under
 * target/devstack, a small heap. It stands in for Amazon Keyspaces.
 *
 * <p>It can be stopped and started again on the same ports and data, so that tests can cut the store away under a
 * running service. Get it from {@link Devstack#cassandra()}, which also closes it at JVM exit.
 */
public final class LocalCassandra implements LocalStore {

    /** What SimpleSnitch calls the one datacenter; drivers need it as their local datacenter. */
    public static final String DATACENTER = "datacenter1";

    private static final Logger LOG = LoggerFactory.getLogger(LocalCassandra.class);
    private static final String HOST = "127.0.0.1";
    /** Generous: about 10-20 s alone, but two cores are shared with compilers and other test JVMs. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    /** Cassandra drains on SIGTERM (flushes memtables); a test node has little to flush. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private final int nativePort;
    private final int storagePort;
    private final int jmxPort;
    private final CassandraNodeFiles files;
    private final Path java;
    private final List<Path> classPath;
    /** The running node, null while stopped. */
    private Process process;
    private boolean closed;

    private LocalCassandra(int nativePort, int storagePort, int jmxPort, CassandraNodeFiles files, Path java,
            List<Path> classPath) {
        this.nativePort = nativePort;
        this.storagePort = storagePort;
        this.jmxPort = jmxPort;
        this.files = files;
        this.java = java;
        this.classPath = classPath;
    }

    /** Starts a new node on free ports, its data under target/devstack of the working directory. */
    static LocalCassandra launch() {
        // Checked before anything is written, so a missing JDK 17 or class path fails with its own one line.
        Path java = CassandraJava.executable();
        List<Path> classPath = CassandraClassPath.jars();
        int nativePort = FreePorts.pick();
        int storagePort = FreePorts.pick();
        int jmxPort = FreePorts.pick();
        Path directory = Path.of("target", "devstack", "cassandra-" + nativePort).toAbsolutePath();
        // Left behind by an earlier JVM that drew the same port: this JVM starts from empty.
        Directories.deleteRecursively(directory);
        CassandraNodeFiles files = new CassandraNodeFiles(directory);
        files.write(HOST, nativePort, storagePort);
        LocalCassandra cassandra = new LocalCassandra(nativePort, storagePort, jmxPort, files, java, classPath);
        cassandra.start();
        return cassandra;
    }

    public String host() {
        return HOST;
    }

    /** The CQL (native protocol) port. */
    public int port() {
        return nativePort;
    }

    /** host:port, the form CASSANDRA_CONTACT_POINTS takes. */
    public String contactPoint() {
        return HOST + ":" + nativePort;
    }

    public String localDatacenter() {
        return DATACENTER;
    }

    @Override
    public Map<String, String> env() {
        return Map.of("CASSANDRA_CONTACT_POINTS", contactPoint(), "CASSANDRA_LOCAL_DC", DATACENTER);
    }

    /** Starts the node and returns once it accepts CQL connections; after {@link #stop()} on the same ports and data. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("Cassandra on port " + nativePort + " is closed");
        }
        if (process != null) {
            return;
        }
        long began = System.nanoTime();
        Process started;
        try {
            started = new ProcessBuilder(CassandraCommand.of(java, files, jmxPort, classPath))
                    .directory(files.directory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                    // stdin stays a pipe: the node's launcher exits when this JVM and its end of the pipe are gone.
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + java + " for Cassandra", e);
        }
        try {
            awaitCql(started);
        } catch (RuntimeException e) {
            terminate(started);
            throw e;
        }
        process = started;
        LOG.info("Cassandra started on {} (storage port {}) in {} ms, data in {}", contactPoint(), storagePort,
                (System.nanoTime() - began) / 1_000_000, files.directory());
    }

    /** Stops the node (SIGTERM: Cassandra drains, then exits) and keeps its ports and data for {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process running = process;
        process = null;
        terminate(running);
        LOG.info("Cassandra on {} stopped", contactPoint());
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the node for good and deletes its data: the next JVM gets new ports and a new directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        Directories.deleteRecursively(files.directory());
    }

    @Override
    public String toString() {
        return "LocalCassandra[" + contactPoint() + ", " + files.directory() + "]";
    }

    private void awaitCql(Process started) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!accepts(nativePort)) {
            if (!started.isAlive()) {
                throw new IllegalStateException("Cassandra on port " + nativePort + " exited at start (code "
                        + started.exitValue() + "): " + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Cassandra on port " + nativePort + " did not accept CQL connections within "
                        + STARTUP_TIMEOUT + ": " + logTail());
            }
            sleep(POLL);
        }
    }

    /** The native port is bound only once the node logs "Starting listening for CQL clients": then it serves. */
    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void terminate(Process running) {
        running.destroy();
        try {
            if (!running.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Cassandra on {} did not stop within {}; killing it", contactPoint(), SHUTDOWN_TIMEOUT);
                running.destroyForcibly().waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(files.log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log in " + files.log() + ")";
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Cassandra to start", e);
        }
    }
}
