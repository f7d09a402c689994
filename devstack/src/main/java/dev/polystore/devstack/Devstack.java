package dev.polystore.devstack;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The real local engines of this JVM, each started on first use and stopped by one JVM shutdown hook.
 *
 * <p>Tests and the local launcher (services/local) call the store methods; people run {@link #main} and
 * {@code eval} its output: {@code ./mvnw -q -pl devstack compile exec:java}.
 */
public final class Devstack {

    private static final StartedStores STARTED = new StartedStores();
    private static final LazyStore<LocalPostgres> POSTGRES = new LazyStore<>(LocalPostgres::launch, STARTED);
    private static final LazyStore<LocalCassandra> CASSANDRA = new LazyStore<>(LocalCassandra::launch, STARTED);
    private static final LazyStore<LocalValkey> VALKEY = new LazyStore<>(LocalValkey::launch, STARTED);
    private static final LazyStore<LocalS3> S3 = new LazyStore<>(LocalS3::launch, STARTED);
    /** Kept apart from STARTED: its VALKEY_URL would clash with the standalone server's in {@link #env()}. */
    private static final StartedStores CLUSTERS = new StartedStores();
    private static final LazyStore<LocalValkeyCluster> VALKEY_CLUSTER =
            new LazyStore<>(LocalValkeyCluster::launch, CLUSTERS);

    private Devstack() {
    }

    /** The one PostgreSQL of this JVM, started on first call (thread-safe), stopped by a JVM shutdown hook. */
    public static LocalPostgres postgres() {
        return POSTGRES.get();
    }

    /**
     * The one Cassandra node of this JVM (a child JVM), started on first call (thread-safe), stopped by a JVM
     * shutdown hook; its CASSANDRA_CONTACT_POINTS and CASSANDRA_LOCAL_DC join {@link #env()}.
     */
    public static LocalCassandra cassandra() {
        return CASSANDRA.get();
    }

    /** The one standalone Valkey of this JVM, started on first call; its VALKEY_URL joins {@link #env()}. */
    public static LocalValkey valkey() {
        return VALKEY.get();
    }

    /**
     * The one local S3 (S3Proxy in a child JVM) of this JVM, started on first call with its bucket
     * {@link LocalS3#BUCKET}; its S3_BUCKET, S3_REGION, S3_ENDPOINT and local credentials join {@link #env()}.
     */
    public static LocalS3 s3() {
        return S3.get();
    }

    /**
     * The one 3-node Valkey cluster of this JVM, for cluster-mode tests, started on first call. Its
     * settings stay out of {@link #env()}: take them from {@link LocalValkeyCluster#env()}.
     */
    public static LocalValkeyCluster valkeyCluster() {
        return VALKEY_CLUSTER.get();
    }

    /**
     * Environment variables a service needs to use everything this JVM's devstack has started so far,
     * e.g. POSTGRES_WRITER_CONN=postgresql://postgres:postgres@127.0.0.1:PORT/postgres
     */
    public static Map<String, String> env() {
        return STARTED.env();
    }

    /** Standalone: starts every store, prints {@code export NAME=value} lines, then waits until Ctrl-C. */
    public static void main(String[] args) {
        postgres();
        cassandra();
        valkey();
        s3();
        env().forEach((name, value) -> System.out.println(ShellExports.line(name, value)));
        System.out.flush();
        System.err.println("# devstack is running; Ctrl-C stops it");
        try {
            // Ctrl-C ends the JVM, and the shutdown hook stops the stores.
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
