package dev.polystore.platform.s3;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a service's bucket is, from the environment: {@code S3_BUCKET}, {@code S3_REGION}, and
 * {@code S3_ENDPOINT} only for S3Proxy or LocalStack (then requests go path-style, since such
 * endpoints have no per-bucket host names). Credentials come from {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY} (with {@code AWS_SESSION_TOKEN}) when set, else from the SDK's
 * default chain (the task or instance role in AWS).
 *
 * @param requestTimeout per attempt; below typical call deadlines, so an outage is an error the
 *     caller sees in time rather than a hang
 * @param completeTimeout for CompleteMultipartUpload, which S3 may take minutes to answer (it
 *     assembles the object, sending only whitespace meanwhile)
 */
public record S3Config(
    String bucket,
    String region,
    Optional<URI> endpoint,
    Optional<S3Credentials> credentials,
    Duration requestTimeout,
    Duration completeTimeout) {

  public static final String BUCKET = "S3_BUCKET";
  public static final String REGION = "S3_REGION";
  public static final String ENDPOINT = "S3_ENDPOINT";
  public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
  public static final String REQUEST_TIMEOUT_MS = "S3_REQUEST_TIMEOUT_MS";
  public static final String COMPLETE_TIMEOUT_MS = "S3_COMPLETE_TIMEOUT_MS";

  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");

  public static S3Config fromEnv(Env env) {
    String bucket = env.required(BUCKET);
    if (!BUCKET_NAME.matcher(bucket).matches()) {
      throw new ConfigException(BUCKET, "must be an S3 bucket name (3-63 of a-z 0-9 . -), was '" + bucket + "'");
    }
    String region = env.required(REGION);
    if (!REGION_NAME.matcher(region).matches()) {
      throw new ConfigException(REGION, "must be an AWS region such as eu-west-1, was '" + region + "'");
    }
    Optional<URI> endpoint = env.optional(ENDPOINT).map(S3Config::endpoint);
    Optional<S3Credentials> credentials = Optional.empty();
    if (env.has(ACCESS_KEY_ID) || env.has(SECRET_ACCESS_KEY)) {
      credentials = Optional.of(new S3Credentials(env.required(ACCESS_KEY_ID), env.required(SECRET_ACCESS_KEY),
          env.optional(SESSION_TOKEN)));
    }
    Duration timeout = Duration.ofMillis(env.integer(REQUEST_TIMEOUT_MS, 2_000, 100, 120_000));
    Duration completeTimeout = Duration.ofMillis(env.integer(COMPLETE_TIMEOUT_MS, 300_000, 1_000, 3_600_000));
    return new S3Config(bucket, region, endpoint, credentials, timeout, completeTimeout);
  }

  /**
   * Path-style addressing: for endpoints that serve every bucket on one host, and for bucket names
   * with dots, whose virtual host ({@code a.b.s3.region.amazonaws.com}) S3's wildcard certificate
   * does not cover, so a browser's TLS handshake would fail.
   */
  public boolean pathStyle() {
    return endpoint.isPresent() || bucket.contains(".");
  }

  /** For logs. */
  public String describe() {
    return "bucket " + bucket + " in " + region + endpoint.map(uri -> " at " + uri).orElse("");
  }

  private static URI endpoint(String value) {
    try {
      URI uri = URI.create(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // Reported below.
    }
    throw new ConfigException(ENDPOINT, "must be an http(s) URL such as http://127.0.0.1:9000, was '" + value + "'");
  }
}
