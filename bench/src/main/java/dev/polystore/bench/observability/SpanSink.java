package dev.polystore.bench.observability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local OTLP/HTTP receiver that takes span batches and drops them, so the exporter does all its
 * real work (batching, encoding, sending) without a collector on the machine.
 */
final class SpanSink implements AutoCloseable {
  private final HttpServer server;
  private final AtomicLong batches = new AtomicLong();

  SpanSink() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/traces", exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        body.transferTo(java.io.OutputStream.nullOutputStream());
      }
      batches.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long batches() {
    return batches.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
