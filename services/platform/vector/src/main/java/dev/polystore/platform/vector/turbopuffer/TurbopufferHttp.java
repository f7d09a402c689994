package dev.polystore.platform.vector.turbopuffer;

import dev.polystore.platform.errors.ServiceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTPS to turbopuffer with Bearer auth. 429, 5xx and connection failures are retried
 * with exponential backoff and jitter (honouring Retry-After); when the tries run out, 429 becomes
 * RESOURCE_EXHAUSTED and the rest UNAVAILABLE. Other 4xx fail at once with {@link TurbopufferException}.
 */
final class TurbopufferHttp {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private final TurbopufferConfig config;
  private final HttpClient client;

  TurbopufferHttp(TurbopufferConfig config) {
    this.config = config;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The answer's JSON body; empty when turbopuffer answers 404 (no such namespace). */
  Optional<JsonNode> send(String method, String path, JsonNode body) {
    String request = method + " " + path;
    HttpRequest httpRequest = request(method, path, body, config.requestTimeout());
    Duration backoff = config.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= config.maxAttempts();
      HttpResponse<String> response;
      try {
        response = client.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (last) {
          throw ServiceException.unavailable("turbopuffer cannot be reached (" + request + ", "
              + attempt + " tries): " + e, e);
        }
        backoff = pause(backoff, Optional.empty());
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ServiceException.unavailable("interrupted while calling turbopuffer (" + request + ")", e);
      }
      int status = response.statusCode();
      if (status / 100 == 2) {
        return Optional.of(parse(request, response.body()));
      }
      if (status == 404) {
        return Optional.empty();
      }
      Optional<Duration> retryAfter = retryAfter(response);
      if (status == 429 || status / 100 == 5) {
        if (last) {
          String message = "turbopuffer answered HTTP " + status + " to " + request + " " + attempt
              + " times: " + error(response.body());
          throw status == 429
              ? ServiceException.resourceExhausted(message, retryAfter.orElse(MAX_BACKOFF))
              : ServiceException.unavailable(message, null);
        }
        backoff = pause(backoff, retryAfter);
        continue;
      }
      throw new TurbopufferException(request, status, error(response.body()));
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

  /** Sleeps the server's Retry-After or the backoff with jitter; returns the next backoff. */
  private static Duration pause(Duration backoff, Optional<Duration> retryAfter) {
    long millis = retryAfter.map(Duration::toMillis)
        .orElse(ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2, backoff.toMillis() + 1));
    try {
      Thread.sleep(Math.min(millis, MAX_BACKOFF.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServiceException.unavailable("interrupted while waiting to retry turbopuffer", e);
    }
    Duration next = backoff.multipliedBy(2);
    return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(value -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
      } catch (NumberFormatException e) {
        return Optional.empty(); // an HTTP date: use our own backoff
      }
    });
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
