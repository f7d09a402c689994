package dev.polystore.platform.postgres;

import dev.polystore.platform.config.ConfigException;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the asynchronous client ({@link PostgresAsyncClient}) logs in to an endpoint: the server,
 * database, user, password (asked anew for each connection, like the pools', for rotated files and
 * IAM tokens), statement timeout and TLS of the JDBC pools. The URL's parameters are pgjdbc's; this
 * client takes {@code sslmode} (pgjdbc's default {@code prefer} when absent), {@code sslrootcert},
 * {@code options} and {@code currentSchema} as pgjdbc does, and ignores those that only tune the
 * JDBC driver ({@link #JDBC_ONLY}). Any other parameter refuses start-up: a TLS setting it would not
 * honour, or a session setting it would silently drop, would make its reads differ from the pools'.
 */
final class AsyncConnectOptions {
  private static final Set<String> UNDERSTOOD = Set.of("sslmode", "sslrootcert", "options", "currentSchema");
  /** pgjdbc's own timeouts, pooling and protocol tuning: the client has its own or needs none. */
  private static final Set<String> JDBC_ONLY = Set.of("connectTimeout", "socketTimeout", "loginTimeout",
      "tcpKeepAlive", "ApplicationName", "targetServerType", "prepareThreshold", "preparedStatementCacheQueries",
      "preparedStatementCacheSizeMiB", "binaryTransfer", "reWriteBatchedInserts", "defaultRowFetchSize");

  private AsyncConnectOptions() {}

  /** Refuses, at start, an endpoint whose settings this client would not honour. */
  static void check(PostgresEndpoint endpoint, String variable) {
    for (String parameter : endpoint.parameters().keySet()) {
      if (!UNDERSTOOD.contains(parameter) && !JDBC_ONLY.contains(parameter)) {
        throw new ConfigException(variable, "has " + parameter + ", which the asynchronous client cannot honour;"
            + " they take " + String.join(", ", new TreeSet<>(UNDERSTOOD)) + " and ignore pgjdbc's tuning ("
            + String.join(", ", new TreeSet<>(JDBC_ONLY)) + ")");
      }
    }
    SslMode mode = mode(endpoint, variable);
    boolean verifies = mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL;
    if (verifies && !endpoint.parameters().containsKey("sslrootcert")) {
      throw new ConfigException(variable, "has sslmode=" + mode.value + " without sslrootcert: name the CA bundle"
          + " that signs the server's certificate (for Aurora, Amazon's RDS global bundle)");
    }
  }

  /** The options of one new connection; {@code credentials} is asked for its password now. */
  static PgConnectOptions of(PostgresConfig config, PostgresEndpoint endpoint, PostgresCredentials credentials,
      String applicationName, String variable) {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setDatabase(config.database())
        .setUser(credentials.user())
        .setPassword(credentials.password())
        .setCachePreparedStatements(true);
    options.addProperty("application_name", applicationName);
    options.addProperty("options", DriverProperties.startupOptions(config, endpoint));
    String schema = endpoint.parameters().get("currentSchema");
    if (schema != null) {
      options.addProperty("search_path", schema); // what pgjdbc's currentSchema sets
    }
    SslMode mode = mode(endpoint, variable);
    options.setSslMode(mode);
    if (mode != SslMode.DISABLE) {
      options.setSslOptions(tls(endpoint, mode));
    }
    return options;
  }

  private static ClientSSLOptions tls(PostgresEndpoint endpoint, SslMode mode) {
    ClientSSLOptions tls = new ClientSSLOptions();
    String rootCert = endpoint.parameters().get("sslrootcert");
    if (rootCert != null) {
      tls.setTrustOptions(new PemTrustOptions().addCertPath(rootCert));
    } else {
      tls.setTrustAll(true); // libpq's and pgjdbc's require/prefer: encrypted, the certificate not checked
    }
    // verify-full checks the host name as well; verify-ca only the chain.
    tls.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
    return tls;
  }

  private static SslMode mode(PostgresEndpoint endpoint, String variable) {
    String value = endpoint.parameters().getOrDefault("sslmode", "prefer");
    for (SslMode mode : SslMode.values()) {
      if (mode.value.equals(value)) {
        return mode;
      }
    }
    throw new ConfigException(variable, "has sslmode=" + value
        + "; one of disable, allow, prefer, require, verify-ca, verify-full");
  }
}
