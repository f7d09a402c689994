package dev.polystore.platform.postgres;

import dev.polystore.platform.config.ConfigException;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.util.Locale;
import java.util.Set;

/**
 * How the asynchronous client ({@link PostgresAsyncReads}) logs in to an endpoint: the server,
 * database, user, password (asked anew for each connection, like the pools', for rotated files and
 * IAM tokens), statement timeout and TLS of the JDBC pools. pgjdbc reads TLS from the URL's
 * parameters; of those this client understands {@code sslmode} (pgjdbc's default {@code prefer}
 * when absent) and {@code sslrootcert}, and it refuses to start with any other {@code ssl}
 * parameter rather than connect with weaker TLS than the pools. Other pgjdbc parameters only tune
 * the JDBC driver and are ignored here.
 */
final class AsyncConnectOptions {
  private static final Set<String> UNDERSTOOD_TLS = Set.of("sslmode", "sslrootcert");

  private AsyncConnectOptions() {}

  /** Refuses, at start, an endpoint whose TLS this client would not honour. */
  static void check(PostgresEndpoint endpoint, String variable) {
    for (String parameter : endpoint.parameters().keySet()) {
      if (parameter.toLowerCase(Locale.ROOT).startsWith("ssl") && !UNDERSTOOD_TLS.contains(parameter)) {
        throw new ConfigException(variable, "has " + parameter + ", which the asynchronous reads cannot honour;"
            + " of the TLS parameters they take sslmode and sslrootcert");
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
