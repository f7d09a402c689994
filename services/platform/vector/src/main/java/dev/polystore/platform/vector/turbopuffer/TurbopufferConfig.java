package dev.polystore.platform.vector.turbopuffer;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How to reach turbopuffer.
 *
 * @param baseUrl {@code https://<region>.turbopuffer.com}, or {@code TURBOPUFFER_BASE_URL} (a local
 *     fixture, a proxy)
 * @param maxAttempts tries per request when turbopuffer answers 408, 409, 429 or 5xx or cannot be reached
 * @param initialBackoff the first wait between tries when turbopuffer names none; it doubles, with
 *     jitter, up to 8 s ({@link TurbopufferRetry})
 * @param requestTimeout how long one try may take
 */
public record TurbopufferConfig(URI baseUrl, String apiKey, int maxAttempts, Duration initialBackoff,
    Duration requestTimeout) {
  public static final String API_KEY = "TURBOPUFFER_API_KEY";
  public static final String REGION = "TURBOPUFFER_REGION";
  public static final String BASE_URL = "TURBOPUFFER_BASE_URL";
  public static final String MAX_ATTEMPTS = "TURBOPUFFER_MAX_ATTEMPTS";
  private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9-]+");

  public static TurbopufferConfig fromEnv(Env env) {
    String apiKey = env.required(API_KEY);
    URI baseUrl;
    if (env.has(BASE_URL)) {
      baseUrl = url(BASE_URL, env.required(BASE_URL));
    } else {
      String region = env.optional(REGION).orElseThrow(() ->
          new ConfigException(REGION, "is required when " + BASE_URL + " is not set (e.g. gcp-us-central1)"));
      if (!REGION_NAME.matcher(region).matches()) {
        throw new ConfigException(REGION, "must look like gcp-us-central1, was '" + region + "'");
      }
      baseUrl = URI.create("https://" + region + ".turbopuffer.com");
    }
    return new TurbopufferConfig(baseUrl, apiKey, env.integer(MAX_ATTEMPTS, 4, 1, 10),
        Duration.ofMillis(500), Duration.ofSeconds(10));
  }

  private static URI url(String variable, String value) {
    try {
      URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new ConfigException(variable, "must be an http(s) URL, was '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(variable, "is not a URL: " + e.getReason());
    }
  }

  /** Never prints the API key. */
  @Override
  public String toString() {
    return "TurbopufferConfig[baseUrl=" + baseUrl + ", maxAttempts=" + maxAttempts + "]";
  }
}
