package dev.polystore.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on loopback, chosen by the kernel so that parallel JVMs do not collide. */
final class FreePorts {

    private FreePorts() {
    }

    /** A port that was free a moment ago: bind port 0, read what the kernel gave, let it go. */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on loopback", e);
        }
    }
}
