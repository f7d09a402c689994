package dev.polystore.platform.vector.turbopuffer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.polystore.platform.vector.AttributeType;
import dev.polystore.platform.vector.NamespaceSchema;
import dev.polystore.platform.vector.SchemaConflictException;
import dev.polystore.platform.vector.lucene.LuceneVectorStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local HTTP server that speaks the subset of turbopuffer's API our client uses, backed by the
 * embedded Lucene engine: tests point {@link TurbopufferVectorStore} at it, and developers can run
 * it offline ({@link #main}). It can be told to fail the next data requests with a status (429,
 * 503) to exercise the client's retries; the probe path (GET /v1/namespaces) never fails that way.
 */
public final class LocalTurbopuffer implements AutoCloseable {
  private static final Pattern NAMESPACE = Pattern.compile("/v2/namespaces/([^/]+)");
  private static final Pattern QUERY = Pattern.compile("/v2/namespaces/([^/]+)/query");
  private static final Pattern SCHEMA = Pattern.compile("/v1/namespaces/([^/]+)/schema");
  private static final Pattern METADATA = Pattern.compile("/v1/namespaces/([^/]+)/metadata");

  private final HttpServer server;
  private final ExecutorService executor;
  private final LuceneVectorStore engine;
  private final String apiKey;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger dataRequests = new AtomicInteger();
  private volatile int failureStatus;
  private volatile Map<String, String> failureHeaders = Map.of();

  private LocalTurbopuffer(HttpServer server, ExecutorService executor, LuceneVectorStore engine, String apiKey) {
    this.server = server;
    this.executor = executor;
    this.engine = engine;
    this.apiKey = apiKey;
  }

  /** Starts on 127.0.0.1:{@code port} (0 picks a free one), keeping its indexes under {@code dataDirectory}. */
  public static LocalTurbopuffer start(int port, Path dataDirectory, String apiKey) throws IOException {
    LuceneVectorStore engine = new LuceneVectorStore(dataDirectory);
    engine.migrate();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "local-turbopuffer");
      thread.setDaemon(true);
      return thread;
    });
    LocalTurbopuffer local = new LocalTurbopuffer(server, executor, engine, apiKey);
    server.createContext("/", local::handle);
    server.setExecutor(executor);
    server.start();
    return local;
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Client settings for this server, with fast retries for tests. */
  public TurbopufferConfig clientConfig(int maxAttempts) {
    return new TurbopufferConfig(baseUrl(), apiKey, maxAttempts, Duration.ofMillis(5), Duration.ofSeconds(10));
  }

  /** The next {@code count} data requests (under /v2/) are answered with {@code status}. */
  public void failNext(int status, int count) {
    failNext(status, count, Map.of());
  }

  /** The same, with these response headers (retry-after-ms, retry-after). */
  public void failNext(int status, int count, Map<String, String> headers) {
    failureHeaders = Map.copyOf(headers);
    failureStatus = status;
    failuresLeft.set(count);
  }

  /** How many data requests (under /v2/) arrived, failed ones included. */
  public int dataRequests() {
    return dataRequests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        error(exchange, 401, "missing or wrong API key");
        return;
      }
      if (path.startsWith("/v2/")) {
        dataRequests.incrementAndGet();
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          failureHeaders.forEach(exchange.getResponseHeaders()::set);
          error(exchange, failureStatus, "injected failure " + failureStatus);
          return;
        }
      }
      Matcher matcher;
      if (method.equals("GET") && path.equals("/v1/namespaces")) {
        answer(exchange, 200, LocalWire.namespacePage(engine, LocalWire.queryParameters(exchange.getRequestURI())));
      } else if (method.equals("GET") && (matcher = SCHEMA.matcher(path)).matches()) {
        schema(exchange, matcher.group(1));
      } else if (method.equals("GET") && (matcher = METADATA.matcher(path)).matches()) {
        metadata(exchange, matcher.group(1));
      } else if (method.equals("POST") && (matcher = QUERY.matcher(path)).matches()) {
        query(exchange, matcher.group(1));
      } else if (method.equals("POST") && (matcher = NAMESPACE.matcher(path)).matches()) {
        write(exchange, matcher.group(1));
      } else if (method.equals("DELETE") && (matcher = NAMESPACE.matcher(path)).matches()) {
        deleteNamespace(exchange, matcher.group(1));
      } else {
        error(exchange, 404, "no route for " + method + " " + path);
      }
    } catch (JacksonException | IllegalArgumentException | SchemaConflictException e) {
      error(exchange, 400, e.getMessage());
    } catch (RuntimeException e) {
      error(exchange, 500, e.toString());
    }
  }

  private void schema(HttpExchange exchange, String namespace) throws IOException {
    Optional<NamespaceSchema> schema = engine.schema(namespace);
    if (schema.isEmpty()) {
      error(exchange, 404, "namespace '" + namespace + "' was not found");
      return;
    }
    answer(exchange, 200, TurbopufferCodec.schema(schema.get()));
  }

  private void metadata(HttpExchange exchange, String namespace) throws IOException {
    Optional<NamespaceSchema> schema = engine.schema(namespace);
    if (schema.isEmpty()) {
      error(exchange, 404, "namespace '" + namespace + "' was not found");
      return;
    }
    ObjectNode metadata = TurbopufferHttp.JSON.createObjectNode();
    metadata.set("schema", TurbopufferCodec.schema(schema.get()));
    metadata.put("approx_row_count", engine.approximateCount(namespace));
    answer(exchange, 200, metadata);
  }

  private void write(HttpExchange exchange, String namespace) throws IOException {
    JsonNode body = read(exchange);
    if (body.has("upsert_rows") && !TurbopufferCodec.DISTANCE_METRIC.equals(body.path("distance_metric").asString(""))) {
      error(exchange, 400, "this server supports distance_metric cosine_distance only");
      return;
    }
    Map<String, AttributeType> declared = LocalWire.declaredAttributes(body.path("schema"));
    var batch = LocalWire.batch(body, declared);
    engine.write(namespace, batch);
    ObjectNode ok = TurbopufferHttp.JSON.createObjectNode().put("status", "OK")
        .put("rows_affected", batch.upserts().size() + batch.deletes().size());
    answer(exchange, 200, ok);
  }

  private void query(HttpExchange exchange, String namespace) throws IOException {
    JsonNode body = read(exchange);
    Optional<NamespaceSchema> schema = engine.schema(namespace);
    if (schema.isEmpty()) {
      error(exchange, 404, "namespace '" + namespace + "' was not found");
      return;
    }
    if (LocalWire.isIdOrder(body)) {
      answer(exchange, 200, LocalWire.page(engine, namespace, body, schema.get()));
      return;
    }
    var query = LocalWire.query(body, schema.get());
    answer(exchange, 200, LocalWire.rows(engine.query(namespace, query), query));
  }

  private void deleteNamespace(HttpExchange exchange, String namespace) throws IOException {
    if (engine.schema(namespace).isEmpty()) {
      error(exchange, 404, "namespace '" + namespace + "' was not found");
      return;
    }
    engine.deleteNamespace(namespace);
    answer(exchange, 200, TurbopufferHttp.JSON.createObjectNode().put("status", "OK"));
  }

  private static JsonNode read(HttpExchange exchange) throws IOException {
    return TurbopufferHttp.JSON.readTree(exchange.getRequestBody().readAllBytes());
  }

  private static void error(HttpExchange exchange, int status, String message) throws IOException {
    answer(exchange, status, TurbopufferHttp.JSON.createObjectNode().put("status", "error").put("error", message));
  }

  private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = TurbopufferHttp.JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    engine.close();
  }

  /**
   * Runs the server for offline development: {@code ./mvnw -q -pl services/platform test-compile
   * exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.polystore.platform.vector.turbopuffer.LocalTurbopuffer}
   * (arguments: port, default 8088; data directory, default target/devstack/turbopuffer), then point a
   * service at it with the printed variables.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8088;
    Path data = Path.of(args.length > 1 ? args[1] : "target/devstack/turbopuffer").toAbsolutePath();
    String key = "local-turbopuffer-key";
    try (LocalTurbopuffer local = start(port, data, key)) {
      System.out.println("export VECTOR_BACKEND=turbopuffer");
      System.out.println("export " + TurbopufferConfig.BASE_URL + "=" + local.baseUrl());
      System.out.println("export " + TurbopufferConfig.API_KEY + "=" + key);
      System.err.println("# local turbopuffer on " + local.baseUrl() + ", data in " + data + "; Ctrl-C stops it");
      new CountDownLatch(1).await();
    }
  }
}
