package dev.polystore.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    private static final String HOST = "127.0.0.1";
    /** Generous: about 10-20 s alone, but two cores are shared with compilers and other test JVMs. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    /** Cassandra drains on SIGTERM (flushes memtables); a test node has little to flush. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    /** How many sets of free ports a launch tries when the node finds one of them taken. */
    private static final int PORT_ATTEMPTS = 3;
    /** What Cassandra says when it cannot bind a port it was given. */
    private static final String PORT_TAKEN = "is in use by another process";

    private final int nativePort;
    private final int jmxPort;
    private final CassandraNodeFiles files;
    private final ChildJvm node;

    private LocalCassandra(int nativePort, int storagePort, int jmxPort, CassandraNodeFiles files, Path java,
            List<Path> classPath) {
        this.nativePort = nativePort;
        this.jmxPort = jmxPort;
        this.files = files;
        // The native port is bound only once the node logs "Starting listening for CQL clients": then it serves.
        this.node = new ChildJvm("Cassandra on " + HOST + ":" + nativePort + " (storage port " + storagePort + ")",
                CassandraCommand.of(java, files, jmxPort, classPath), files.directory(), files.log(), nativePort,
                STARTUP_TIMEOUT, SHUTDOWN_TIMEOUT);
    }

    /** Starts a new node on free ports, its data under target/devstack of the working directory. */
    static LocalCassandra launch() {
        // Checked before anything is written, so a missing JDK 17 or class path fails with its own one line.
        Path java = CassandraJava.executable();
        List<Path> classPath = CassandraClassPath.jars();
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(java, classPath);
            } catch (IllegalStateException e) {
                // A port that was free when picked can be taken before the node binds it, seconds later (the
                // kernel gives the same range to other processes' outgoing connections): new ports, new node.
                if (attempt == PORT_ATTEMPTS || e.getMessage() == null || !e.getMessage().contains(PORT_TAKEN)) {
                    throw e;
                }
            }
        }
    }

    private static LocalCassandra launch(Path java, List<Path> classPath) {
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

    /** The node's JMX port on 127.0.0.1 (no authentication): for tests that read its metrics. */
    public int jmxPort() {
        return jmxPort;
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
    public void start() {
        node.start();
    }

    /** Stops the node (SIGTERM: Cassandra drains, then exits) and keeps its ports and data for {@link #start()}. */
    public void stop() {
        node.stop();
    }

    /** Its child JVM, to freeze (SIGSTOP) and thaw under a running service. */
    public Freezable processes() {
        return node;
    }

    public boolean isRunning() {
        return node.isRunning();
    }

    /** Stops the node for good and deletes its data: the next JVM gets new ports and a new directory. */
    @Override
    public void close() {
        node.close();
    }

    @Override
    public String toString() {
        return "LocalCassandra[" + contactPoint() + ", " + files.directory() + "]";
    }
}
