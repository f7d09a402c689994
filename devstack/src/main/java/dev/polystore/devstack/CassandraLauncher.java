package dev.polystore.devstack;

import java.io.IOException;
import java.io.InputStream;

/**
 * The main class of the Cassandra child JVM: starts CassandraDaemon, and ends the JVM (through Cassandra's own
 * shutdown hook, which drains the node) once its standard input closes. The parent keeps that pipe open for as
 * long as it lives, so a node never outlives a test JVM that was killed before its shutdown hook could run.
 *
 * <p>It runs on Cassandra's class path, not devstack's: {@link LocalCassandra} copies this class file next to the
 * node and it must use nothing but the JDK.
 */
final class CassandraLauncher {

    private static final String DAEMON = "org.apache.cassandra.service.CassandraDaemon";

    private CassandraLauncher() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        Thread watchdog = new Thread(CassandraLauncher::exitWhenParentGoes, "devstack-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Class.forName(DAEMON).getMethod("main", String[].class).invoke(null, (Object) args);
    }

    private static void exitWhenParentGoes() {
        try (InputStream parent = System.in) {
            while (parent.read() >= 0) {
                // The parent never writes; read() returns -1 when it is gone.
            }
        } catch (IOException e) {
            // A broken pipe means the same thing as its end.
        }
        System.exit(0);
    }
}
