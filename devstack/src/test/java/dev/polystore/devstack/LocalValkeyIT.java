package dev.polystore.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Against the real servers that {@link Devstack#valkey()} and {@link Devstack#valkeyCluster()} start. */
class LocalValkeyIT {

    @Test
    void standaloneAnswersAndRestartsEmptyOnTheSamePort() throws IOException {
        LocalValkey valkey = Devstack.valkey();
        try (RespConnection connection = RespConnection.open(valkey.host(), valkey.port())) {
            assertEquals("OK", connection.call("SET", "devstack-it", "1"));
        }
        int port = valkey.port();

        valkey.stop();
        assertFalse(valkey.isRunning());
        assertThrows(IOException.class, () -> RespConnection.open(valkey.host(), port).close());
        valkey.start();

        assertTrue(valkey.isRunning());
        assertEquals(port, valkey.port());
        assertEquals(0, valkey.dbSize(), "no persistence: a restarted server is empty");
        assertEquals(valkey.url(), Devstack.env().get("VALKEY_URL"));
    }

    @Test
    void clusterServesEverySlotAndFormsAgainAfterARestart() {
        LocalValkeyCluster cluster = Devstack.valkeyCluster();
        assertEquals(LocalValkeyCluster.NODES, cluster.ports().size());
        assertEquals("true", cluster.env().get("VALKEY_CLUSTER"));
        // A key lives on the node that owns its slot; the others redirect.
        assertTrue(setOnOwner(cluster, "devstack-it"));

        cluster.stop();
        assertFalse(cluster.isRunning());
        cluster.start();

        assertTrue(cluster.isRunning());
        assertEquals(0, cluster.dbSize());
        assertTrue(setOnOwner(cluster, "devstack-it"));
        assertEquals(1, cluster.dbSize());
        cluster.flushAll();
    }

    private static boolean setOnOwner(LocalValkeyCluster cluster, String key) {
        int moved = 0;
        for (int port : cluster.ports()) {
            try (RespConnection connection = RespConnection.open("127.0.0.1", port)) {
                connection.call("SET", key, "1");
                return moved == cluster.ports().indexOf(port);
            } catch (IllegalStateException redirect) {
                assertTrue(redirect.getMessage().startsWith("MOVED"), redirect.getMessage());
                moved++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
