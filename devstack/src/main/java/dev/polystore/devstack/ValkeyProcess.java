package dev.polystore.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Valkey (or Redis) server process on a loopback port, without persistence: no RDB snapshots,
 * no append-only file. It can be stopped and started again on the same port; its data does not
 * survive that, which is what an outage of a cache looks like.
 */
final class ValkeyProcess implements Freezable {

    static final String HOST = "127.0.0.1";
    /** Generous: two cores shared with compilers and other test JVMs. The server itself starts in milliseconds. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path directory;
    private final List<String> extraArguments;
    private Process process;
    private final Freezer freezer = new Freezer();

    ValkeyProcess(int port, Path directory, List<String> extraArguments) {
        this.port = port;
        this.directory = directory;
        this.extraArguments = List.copyOf(extraArguments);
    }

    int port() {
        return port;
    }

    Path directory() {
        return directory;
    }

    /** Starts the server and returns once it answers PING. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(ValkeyBinary.get().toString(),
                "--port", Integer.toString(port),
                "--bind", HOST,
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", directory.toString()));
        command.addAll(extraArguments);
        try {
            Files.createDirectories(directory);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0), e);
        }
        awaitPong();
    }

    /** Suspends the server (SIGSTOP, see {@link Freezer}); it answers nothing until {@link #thaw()}. */
    @Override
    public synchronized void freeze() {
        if (process == null) {
            throw new IllegalStateException("Valkey on port " + port + " is not running");
        }
        freezer.freeze(process.toHandle());
    }

    @Override
    public void thaw() {
        freezer.thaw();
    }

    /** Stops the server (SIGTERM; it exits without saving) and waits until it has exited. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        thaw(); // a frozen process would not act on SIGTERM
        Process running = process;
        process = null;
        running.destroy();
        try {
            if (!running.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly().waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Runs one command on a fresh connection and returns its reply (see {@link RespConnection#call}). */
    Object call(String... arguments) {
        try (RespConnection connection = RespConnection.open(HOST, port)) {
            return connection.call(arguments);
        } catch (IOException e) {
            throw new UncheckedIOException("Valkey on port " + port + " does not accept connections", e);
        }
    }

    private void awaitPong() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Valkey on port " + port + " exited at start: " + logTail());
            }
            try (RespConnection connection = RespConnection.open(HOST, port)) {
                if ("PONG".equals(connection.call("PING"))) {
                    return;
                }
            } catch (IOException | UncheckedIOException | IllegalStateException notYet) {
                // Not listening yet, or still loading.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Valkey on port " + port + " did not answer PING within "
                        + STARTUP_TIMEOUT + ": " + logTail());
            }
            Pause.briefly();
        }
    }

    private Path log() {
        return directory.resolve("server.log");
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log in " + log() + ")";
        }
    }
}
