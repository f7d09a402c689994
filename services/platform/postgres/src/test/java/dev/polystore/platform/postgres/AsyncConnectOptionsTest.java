package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The asynchronous client logs in as the pools do, and refuse TLS settings they could not honour. */
class AsyncConnectOptionsTest {

  @Test
  void takesTheServerDatabaseLoginAndStatementTimeoutOfTheSetting() {
    PgConnectOptions options = options(
        "postgresql://app:s%3Acret@db.example:6432/ignored?options=-c%20work_mem%3D8MB&currentSchema=replica&socketTimeout=30");
    assertEquals("db.example", options.getHost());
    assertEquals(6432, options.getPort());
    assertEquals("accounts", options.getDatabase());
    assertEquals("app", options.getUser());
    assertEquals("s:cret", options.getPassword());
    assertEquals("-c work_mem=8MB -c statement_timeout=10000", options.getProperties().get("options"));
    assertEquals("replica", options.getProperties().get("search_path"));
    assertEquals("it", options.getProperties().get("application_name"));
  }

  @Test
  void withoutSslmodeItPrefersTlsAsPgjdbcDoesWithoutCheckingTheCertificate() {
    PgConnectOptions options = options("postgresql://app:pw@db.example/x");
    assertEquals(SslMode.PREFER, options.getSslMode());
    assertTrue(options.getSslOptions().isTrustAll());
  }

  @Test
  void verifyFullChecksTheChainAgainstTheBundleAndTheHostName() {
    PgConnectOptions options = options("postgresql://app:pw@db.example/x?sslmode=verify-full&sslrootcert=/etc/ssl/rds/global-bundle.pem");
    assertEquals(SslMode.VERIFY_FULL, options.getSslMode());
    assertFalse(options.getSslOptions().isTrustAll());
    assertEquals(List.of("/etc/ssl/rds/global-bundle.pem"),
        ((PemTrustOptions) options.getSslOptions().getTrustOptions()).getCertPaths());
    assertEquals("HTTPS", options.getSslOptions().getHostnameVerificationAlgorithm());
    assertEquals("", options("postgresql://app:pw@db.example/x?sslmode=verify-ca&sslrootcert=/ca.pem")
        .getSslOptions().getHostnameVerificationAlgorithm());
  }

  @Test
  void refusesTlsItCannotHonour() {
    assertRefused("postgresql://app:pw@db.example/x?sslmode=verify-full", "without sslrootcert");
    assertRefused("postgresql://app:pw@db.example/x?sslmode=verify-full&sslrootcert=/ca.pem&sslcert=/client.pem",
        "has sslcert");
    assertRefused("postgresql://app:pw@db.example/x?sslmode=always", "has sslmode=always");
    assertRefused("postgresql://app:pw@db.example/x?stringtype=unspecified", "has stringtype");
  }

  private static void assertRefused(String url, String because) {
    ConfigException refused = assertThrows(ConfigException.class, () -> AsyncConnectOptions.check(
        PostgresEndpoint.parse(PostgresConfig.WRITER_CONN, url), PostgresConfig.WRITER_CONN));
    assertTrue(refused.getMessage().contains(PostgresConfig.WRITER_CONN) && refused.getMessage().contains(because),
        refused.getMessage());
  }

  private static PgConnectOptions options(String url) {
    PostgresConfig config = PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, url)), "accounts");
    return AsyncConnectOptions.of(config, config.writer(), config.writerCredentials(), "it", PostgresConfig.WRITER_CONN);
  }
}
