package dev.polystore.platform.vector.turbopuffer;

import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.grpc.CallDeadline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTPS to turbopuffer with Bearer auth. What {@link TurbopufferRetry} calls retryable
 * (408, 409, 429, 5xx, a failed connection) is tried again while tries are left and the wait ends
 * inside the caller's deadline ({@link CallDeadline}); then 429 becomes RESOURCE_EXHAUSTED and the
 * rest UNAVAILABLE. Other 4xx fail at once with {@link TurbopufferException}.
 */
final class TurbopufferHttp {
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private final TurbopufferConfig config;
  private final TurbopufferRetry retry;
  private final HttpClient client;

  TurbopufferHttp(TurbopufferConfig config) {
    this.config = config;
    this.retry = new TurbopufferRetry(config.initialBackoff());
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The answer's JSON body; a 404 is a {@link TurbopufferException} like any other refusal. */
  JsonNode send(String method, String path, JsonNode body) {
    return exchange(method, path, body, false).orElseThrow();
  }

  /** The answer's JSON body; empty when turbopuffer answers 404 (no such namespace). */
  Optional<JsonNode> sendOrAbsent(String method, String path, JsonNode body) {
    return exchange(method, path, body, true);
  }

  private Optional<JsonNode> exchange(String method, String path, JsonNode body, boolean absentOn404) {
    String request = method + " " + path;
    for (int attempt = 1; ; attempt++) {
      Duration timeout = CallDeadline.remaining().map(left -> left.compareTo(config.requestTimeout()) < 0
          ? left : config.requestTimeout()).orElse(config.requestTimeout());
      if (timeout.isZero()) {
        throw ServiceException.unavailable("no time was left to call turbopuffer (" + request + ")", null);
      }
      Optional<HttpHeaders> headers = Optional.empty();
      RuntimeException failure;
      try {
        HttpResponse<String> response = client.send(request(method, path, body, timeout),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status / 100 == 2) {
          return Optional.of(parse(request, response.body()));
        }
        if (status == 404 && absentOn404) {
          return Optional.empty();
        }
        if (!TurbopufferRetry.retryable(status)) {
          throw new TurbopufferException(request, status, error(response.body()));
        }
        headers = Optional.of(response.headers());
        String message = "turbopuffer answered HTTP " + status + " to " + request + " (" + attempt + " tries): "
            + error(response.body());
        failure = status == 429
            ? ServiceException.resourceExhausted(message, retry.wait(attempt, headers))
            : ServiceException.unavailable(message, null);
      } catch (IOException e) {
        failure = ServiceException.unavailable("turbopuffer cannot be reached (" + request + ", " + attempt
            + " tries): " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ServiceException.unavailable("interrupted while calling turbopuffer (" + request + ")", e);
      }
      Duration wait = retry.wait(attempt, headers);
      boolean inTime = CallDeadline.remaining().map(left -> wait.compareTo(left) < 0).orElse(true);
      if (attempt >= config.maxAttempts() || !inTime) {
        throw failure;
      }
      pause(wait);
    }
  }

  /** One GET with a short timeout and no retries: does turbopuffer answer, and accept our key? */
  boolean answers(String path, Duration timeout) {
    try {
      HttpResponse<Void> response = client.send(request("GET", path, null, timeout), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HttpRequest request(String method, String path, JsonNode body, Duration timeout) {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + config.apiKey())
        .header("Accept", "application/json")
        .method(method, publisher);
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    return builder.build();
  }

  private static void pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServiceException.unavailable("interrupted while waiting to retry turbopuffer", e);
    }
  }

  private static JsonNode parse(String request, String body) {
    try {
      return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (JacksonException e) {
      throw new IllegalStateException("turbopuffer answered " + request + " with JSON we cannot read", e);
    }
  }

  /** turbopuffer's {"status":"error","error":"..."}, or the raw body. */
  private static String error(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.hasNonNull("error")) {
        return node.get("error").asString();
      }
    } catch (JacksonException e) {
      // Not JSON (a proxy's page): show it as it is.
    }
    return body.length() > 500 ? body.substring(0, 500) + "..." : body;
  }
}
