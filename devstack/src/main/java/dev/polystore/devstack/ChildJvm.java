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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local server in a child process, ready once it listens on one loopback port: start, stop
 * (SIGTERM, then a kill after a grace period), start again on the same port and files, close for
 * good. {@link LocalCassandra} and {@link LocalS3} keep only their command lines and what they serve.
 */
final class ChildJvm implements Freezable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final String HOST = "127.0.0.1";
    private static final int LOG_TAIL_LINES = 30;

    private final String name;
    private final List<String> command;
    private final Path directory;
    private final Path log;
    private final int readyPort;
    private final Duration startupTimeout;
    private final Duration shutdownTimeout;
    /** The running server, null while stopped. */
    private Process process;
    private final Freezer freezer = new Freezer();
    private boolean closed;

    /**
     * @param name what log lines and errors call it: "Cassandra on 127.0.0.1:9042"
     * @param directory its working directory, deleted by {@link #close()}
     * @param log where its standard output and error go
     * @param readyPort the loopback port it binds only once it serves
     */
    ChildJvm(String name, List<String> command, Path directory, Path log, int readyPort, Duration startupTimeout,
            Duration shutdownTimeout) {
        this.name = name;
        this.command = List.copyOf(command);
        this.directory = directory;
        this.log = log;
        this.readyPort = readyPort;
        this.startupTimeout = startupTimeout;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Starts it and returns once it accepts connections on its port; does nothing while it runs. */
    synchronized void start() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if (process != null) {
            return;
        }
        long began = System.nanoTime();
        Process started;
        try {
            started = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    // stdin stays a pipe: the child exits when this JVM and its end of the pipe are gone.
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0) + " for " + name, e);
        }
        try {
            awaitPort(started);
        } catch (RuntimeException e) {
            terminate(started);
            throw e;
        }
        process = started;
        LOG.info("{} started in {} ms, files in {}", name, (System.nanoTime() - began) / 1_000_000, directory);
    }

    /** Suspends it (SIGSTOP): it keeps its port and connections but answers nothing until {@link #thaw()}. */
    @Override
    public synchronized void freeze() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        freezer.freeze(process.toHandle());
    }

    /** Resumes it after {@link #freeze()} (SIGCONT); does nothing when it is not frozen. */
    @Override
    public void thaw() {
        freezer.thaw();
    }

    /** Stops it and keeps its port and files for {@link #start()}. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        thaw(); // a frozen process would not act on SIGTERM
        Process running = process;
        process = null;
        terminate(running);
        LOG.info("{} stopped", name);
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops it for good and deletes its files. */
    synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        Directories.deleteRecursively(directory);
    }

    private void awaitPort(Process started) {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (!accepts()) {
            if (!started.isAlive()) {
                throw new IllegalStateException(name + " exited at start (code " + started.exitValue() + "): "
                        + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not listen on port " + readyPort + " within "
                        + startupTimeout + ": " + logTail());
            }
            Pause.briefly();
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, readyPort), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void terminate(Process running) {
        running.destroy();
        try {
            if (!running.waitFor(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop within {}; killing it", name, shutdownTimeout);
                running.destroyForcibly().waitFor(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log in " + log + ")";
        }
    }
}
