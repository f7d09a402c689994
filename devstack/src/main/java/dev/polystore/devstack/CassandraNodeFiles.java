package dev.polystore.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one local Cassandra node under its directory: cassandra.yaml, logback.xml, the launcher class
 * and the data folders. A single node on loopback, tuned to start fast and stay small.
 */
final class CassandraNodeFiles {

    private final Path directory;

    CassandraNodeFiles(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    Path config() {
        return directory.resolve("conf").resolve("cassandra.yaml");
    }

    Path logbackConfig() {
        return directory.resolve("conf").resolve("logback.xml");
    }

    /** The folder on the child's class path that holds {@link CassandraLauncher}. */
    Path launcherClasses() {
        return directory.resolve("launcher");
    }

    Path storage() {
        return directory.resolve("storage");
    }

    /** The child's standard output and error, appended to across restarts. */
    Path log() {
        return directory.resolve("cassandra.log");
    }

    void write(String host, int nativePort, int storagePort) {
        try {
            Files.createDirectories(config().getParent());
            Files.createDirectories(storage());
            Files.writeString(config(), yaml(host, nativePort, storagePort));
            Files.writeString(logbackConfig(), LOGBACK);
            copyLauncher();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Cassandra node files in " + directory, e);
        }
    }

    private void copyLauncher() throws IOException {
        String name = CassandraLauncher.class.getSimpleName() + ".class";
        Path target = launcherClasses().resolve(CassandraLauncher.class.getPackageName().replace('.', '/')).resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = CassandraLauncher.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on devstack's class path");
            }
            Files.write(target, in.readAllBytes());
        }
    }

    private String yaml(String host, int nativePort, int storagePort) {
        Path data = storage();
        return """
                # Written by polystore devstack: one node on loopback, for tests and local runs.
                cluster_name: polystore-devstack
                num_tokens: 1
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                data_file_directories:
                  - %s
                commitlog_directory: %s
                saved_caches_directory: %s
                hints_directory: %s
                cdc_raw_directory: %s
                %s
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "%s:%d"
                listen_address: %s
                rpc_address: %s
                storage_port: %d
                native_transport_port: %d
                start_native_transport: true
                endpoint_snitch: SimpleSnitch
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                # Tests drop and recreate keyspaces: no snapshot of every dropped table.
                auto_snapshot: false
                # Small: a test node holds little data and shares a small machine.
                key_cache_size: 8MiB
                counter_cache_size: 4MiB
                file_cache_size: 32MiB
                memtable_heap_space: 64MiB
                memtable_offheap_space: 64MiB
                concurrent_reads: 8
                concurrent_writes: 8
                concurrent_counter_writes: 8
                concurrent_compactors: 1
                """.formatted(data.resolve("data"), data.resolve("commitlog"), data.resolve("saved_caches"),
                data.resolve("hints"), data.resolve("cdc_raw"), commitlogSync(), host, storagePort, host, host, storagePort,
                nativePort);
    }

    /**
     * Durable (local mode): the commit log is synced before a write is acknowledged. Tests: synced
     * every 10 s, Cassandra's default, which can lose the last seconds on a crash.
     */
    private static String commitlogSync() {
        return Durability.durable() ? "commitlog_sync: batch" : "commitlog_sync: periodic\ncommitlog_sync_period: 10000ms";
    }

    /** INFO to standard output, which the parent sends to {@link #log()}. */
    private static final String LOGBACK = """
            <configuration>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder>
                  <pattern>%-5level [%thread] %date{ISO8601} %logger{0} - %msg%n</pattern>
                </encoder>
              </appender>
              <root level="INFO">
                <appender-ref ref="STDOUT"/>
              </root>
            </configuration>
            """;
}
