package dev.polystore.devstack;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client for the devstack's own chores on a local Valkey (PING, CLUSTER ADDSLOTS,
 * DBSIZE, FLUSHALL). The devstack depends on no Redis client library, so that the services' own
 * client is the only one under test.
 */
final class RespConnection implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects to {@code host:port}; throws IOException when nothing listens there. */
    static RespConnection open(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return new RespConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one command and returns its reply: a String (simple or bulk), a Long, a List of replies,
     * or null. An error reply throws IllegalStateException with the server's message.
     */
    Object call(String... arguments) {
        try {
            StringBuilder request = new StringBuilder().append('*').append(arguments.length).append("\r\n");
            for (String argument : arguments) {
                byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(argument).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException("Valkey on port " + socket.getPort() + " did not answer " + arguments[0], e);
        }
    }

    private Object read() throws IOException {
        int type = in.read();
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2); // the value and its CRLF
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                return items;
            }
            case -1:
                throw new IOException("connection closed");
            default:
                throw new IOException("not a RESP2 reply: " + (char) type + line);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next == -1) {
                throw new IOException("connection closed");
            }
            if (previous == '\r' && next == '\n') {
                byte[] raw = bytes.toByteArray();
                return new String(raw, 0, raw.length - 1, StandardCharsets.UTF_8);
            }
            bytes.write(next);
            previous = next;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a loopback socket that is going away anyway.
        }
    }
}
