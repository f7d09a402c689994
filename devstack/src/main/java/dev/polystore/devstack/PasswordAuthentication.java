package dev.polystore.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Switches a fresh cluster from zonky's "trust everyone" to SCRAM passwords, as a managed database has.
 *
 * <p>zonky runs {@code initdb -A trust} and offers no way to set a password, so the first start has to
 * set one over a trusted connection and only then make pg_hba.conf demand it.
 */
final class PasswordAuthentication {

    /** Loopback TCP only, passwords always: unix sockets are switched off and nothing else may log in. */
    private static final String PG_HBA = """
            # Written by polystore devstack: SCRAM passwords, loopback TCP only.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            host    all       all   127.0.0.1/32  scram-sha-256
            """;
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);

    private PasswordAuthentication() {
    }

    /** Call with the server running and the password already set; returns once a wrong password is refused. */
    static void require(Path dataDirectory, PostgresAdmin admin) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write pg_hba.conf in " + dataDirectory, e);
        }
        admin.reloadConfiguration();
        awaitRefusal(admin);
    }

    /** pg_reload_conf() only signals the postmaster, so wait until it has really read the new file. */
    private static void awaitRefusal(PostgresAdmin admin) {
        long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
        while (admin.acceptsPassword("not-the-password")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "PostgreSQL still accepts any password " + RELOAD_TIMEOUT + " after reloading pg_hba.conf");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pg_hba.conf to load", e);
        }
    }
}
