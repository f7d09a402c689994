package dev.polystore.platform.valkey;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * A service's Valkey settings, read once at start-up (DESIGN.md, Configuration).
 *
 * @param uri server and credentials from VALKEY_URL; TLS for {@code rediss://}
 * @param cluster VALKEY_CLUSTER: cluster mode, as ElastiCache Serverless always is
 * @param connectTimeout how long opening a connection may take
 * @param commandTimeout how long one command may take; below typical call deadlines, so that a
 *     store that does not answer becomes UNAVAILABLE while the caller still waits
 * @param credentials with VALKEY_IAM_AUTH, the provider of ElastiCache IAM tokens that replaces the
 *     URL's user and password; empty otherwise
 */
public record ValkeyConfig(RedisURI uri, boolean cluster, Duration connectTimeout, Duration commandTimeout,
    Optional<RedisCredentialsProvider> credentials) {

  public static final String URL = "VALKEY_URL";
  public static final String CLUSTER = "VALKEY_CLUSTER";
  public static final String CONNECT_TIMEOUT_MS = "VALKEY_CONNECT_TIMEOUT_MS";
  public static final String COMMAND_TIMEOUT_MS = "VALKEY_COMMAND_TIMEOUT_MS";
  public static final String IAM_AUTH = "VALKEY_IAM_AUTH";
  /** The ElastiCache user id (for IAM users AWS requires its name to be the same). */
  public static final String USER = "VALKEY_USER";
  public static final String IAM_CACHE_NAME = "VALKEY_IAM_CACHE_NAME";
  public static final String REGION = "AWS_REGION";
  /** An ElastiCache Serverless endpoint: {@code <name>-<id>.serverless.<region code>.cache.amazonaws.com[.cn]}. */
  private static final Pattern SERVERLESS_HOST =
      Pattern.compile("(?i)[a-z0-9.-]+\\.serverless\\.[a-z0-9-]+\\.cache\\.amazonaws\\.com(?:\\.cn)?");

  public static ValkeyConfig fromEnv(Env env) {
    RedisURI uri = parse(env.required(URL));
    boolean cluster = env.bool(CLUSTER, false);
    // ElastiCache Serverless takes TLS only and is always in cluster mode: without either, the
    // service would start and then fail every call, so say so at start-up instead.
    if (SERVERLESS_HOST.matcher(uri.getHost()).matches()) {
      if (!uri.isSsl()) {
        throw new ConfigException(URL, "names an ElastiCache Serverless endpoint, which accepts TLS only: use rediss://");
      }
      if (!cluster) {
        throw new ConfigException(CLUSTER, "must be true for an ElastiCache Serverless endpoint (" + uri.getHost()
            + "), which is always in cluster mode");
      }
    }
    return new ValkeyConfig(uri, cluster,
        Duration.ofMillis(env.integer(CONNECT_TIMEOUT_MS, 1_000, 100, 60_000)),
        Duration.ofMillis(env.integer(COMMAND_TIMEOUT_MS, 1_000, 50, 60_000)),
        iamCredentials(env, uri));
  }

  /**
   * With VALKEY_IAM_AUTH, tokens signed with the default AWS credentials chain (the task role on
   * ECS). The cache name cannot be derived from the endpoint reliably, so it is asked for.
   */
  private static Optional<RedisCredentialsProvider> iamCredentials(Env env, RedisURI uri) {
    if (!env.bool(IAM_AUTH, false)) {
      return Optional.empty();
    }
    // ElastiCache takes IAM tokens over TLS only; say so now rather than fail every connection.
    if (!uri.isSsl()) {
      throw new ConfigException(URL, "must be rediss:// (TLS) with " + IAM_AUTH + "=true: ElastiCache accepts IAM tokens over TLS only");
    }
    if (uri.getUsername() != null || uri.getPassword() != null) {
      throw new ConfigException(URL, "must carry no user or password with " + IAM_AUTH + "=true; set " + USER + " instead");
    }
    String user = env.required(USER);
    String cacheName = env.required(IAM_CACHE_NAME);
    String region = env.required(REGION);
    ElastiCacheIamToken token = new ElastiCacheIamToken(user, cacheName.toLowerCase(Locale.ROOT),
        SERVERLESS_HOST.matcher(uri.getHost()).matches(), region);
    return Optional.of(new ElastiCacheIamCredentials(token, DefaultCredentialsProvider.builder().build(),
        Clock.systemUTC(), ElastiCacheIamCredentials.REAUTHENTICATE_EVERY));
  }

  static RedisURI parse(String value) {
    String scheme;
    try {
      scheme = new URI(value).getScheme();
    } catch (URISyntaxException e) {
      throw new ConfigException(URL, "is not a URL like rediss://host:6379 (" + e.getReason() + ")");
    }
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw new ConfigException(URL, "must start with redis:// or rediss://, was '" + scheme + "://'");
    }
    RedisURI uri;
    try {
      uri = RedisURI.create(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(URL, "is not a URL like rediss://host:6379 (" + e.getMessage() + ")");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new ConfigException(URL, "has no host");
    }
    // Cluster mode has database 0 only, and we never SELECT: keys are namespaced by prefix instead.
    if (uri.getDatabase() != 0) {
      throw new ConfigException(URL, "names database " + uri.getDatabase() + "; only database 0 is used");
    }
    return uri;
  }

  /** For logs: never the password. */
  public String describe() {
    return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort()
        + (cluster ? " (cluster)" : " (standalone)") + (credentials.isPresent() ? " (IAM auth)" : "");
  }
}
