package dev.polystore.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Against the real node that {@link Devstack#cassandra()} starts, shared by every test of this JVM. CQL itself is
 * exercised by the platform's and the services' tests; devstack has no driver on its class path.
 */
class LocalCassandraIT {

    private final LocalCassandra cassandra = Devstack.cassandra();

    @Test
    void envNamesTheNodeAndItsDatacenter() {
        Map<String, String> env = Devstack.env();
        assertEquals("127.0.0.1:" + cassandra.port(), env.get("CASSANDRA_CONTACT_POINTS"));
        assertEquals("datacenter1", env.get("CASSANDRA_LOCAL_DC"));
    }

    @Test
    void acceptsConnectionsAgainOnTheSamePortAfterStopAndStart() throws IOException {
        int port = cassandra.port();
        assertTrue(cassandra.isRunning());
        connect(port);

        cassandra.stop();
        try {
            assertFalse(cassandra.isRunning());
            assertThrows(IOException.class, () -> connect(port));
        } finally {
            cassandra.start();
        }

        assertTrue(cassandra.isRunning());
        assertEquals(port, cassandra.port());
        connect(port);
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
    }
}
