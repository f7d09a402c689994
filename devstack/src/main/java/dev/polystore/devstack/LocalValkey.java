package dev.polystore.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real standalone Valkey server on a free loopback port, without persistence, standing in for
 * ElastiCache. It can be stopped and started again on the same port, so that tests can cut the store
 * away under a running service. Get it from {@link Devstack#valkey()}, which also stops it at JVM exit.
 */
public final class LocalValkey implements LocalStore {

    private static final Logger LOG = LoggerFactory.getLogger(LocalValkey.class);

    private final ValkeyProcess server;
    private boolean closed;

    private LocalValkey(ValkeyProcess server) {
        this.server = server;
    }

    /** Starts a new server on a free port; its log goes under target/devstack of the working directory. */
    static LocalValkey launch() {
        int port = FreePorts.pick();
        Path directory = Path.of("target", "devstack", "valkey-" + port).toAbsolutePath();
        Directories.deleteRecursively(directory);
        LocalValkey valkey = new LocalValkey(new ValkeyProcess(port, directory, List.of()));
        valkey.start();
        return valkey;
    }

    public String host() {
        return ValkeyProcess.HOST;
    }

    public int port() {
        return server.port();
    }

    /** The form VALKEY_URL takes: {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://" + ValkeyProcess.HOST + ":" + server.port();
    }

    @Override
    public Map<String, String> env() {
        return Map.of("VALKEY_URL", url());
    }

    /** Starts the server; after {@link #stop()} on the same port, empty. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("Valkey on port " + port() + " is closed");
        }
        long began = System.nanoTime();
        server.start();
        LOG.info("Valkey ({}) on {} in {} ms", ValkeyBinary.get().getFileName(), url(),
                (System.nanoTime() - began) / 1_000_000);
    }

    /** Stops the server; its port stays reserved for {@link #start()}. */
    public synchronized void stop() {
        server.stop();
        LOG.info("Valkey on {} stopped", url());
    }

    /** Its server process, to freeze (SIGSTOP) and thaw under a running service. */
    public Freezable processes() {
        return server;
    }

    public synchronized boolean isRunning() {
        return server.isRunning();
    }

    /** How many keys the server holds (DBSIZE), for tests that check that nothing was written. */
    public long dbSize() {
        return (Long) server.call("DBSIZE");
    }

    /** Deletes every key, so that a test starts from an empty server. */
    public void flushAll() {
        server.call("FLUSHALL");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        server.stop();
        closed = true;
        Directories.deleteRecursively(server.directory());
    }

    @Override
    public String toString() {
        return "LocalValkey[" + url() + "]";
    }
}
