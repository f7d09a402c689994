package dev.polystore.platform.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.testing.TestCertificates;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sslmode=verify-full} with a CA bundle named by {@code sslrootcert}, the way the gateway
 * reaches Aurora with the RDS CA bundle: devstack's PostgreSQL serves a certificate signed by a CA
 * made here (TestCertificates), and the service connects only when the bundle holds that CA.
 */
class PostgresTlsIT {
  private final LocalPostgres postgres = Devstack.postgres();

  @TempDir
  Path directory;

  @AfterEach
  void plainAgain() throws Exception {
    admin("ALTER SYSTEM RESET ssl", "ALTER SYSTEM RESET ssl_cert_file", "ALTER SYSTEM RESET ssl_key_file",
        "SELECT pg_reload_conf()");
  }

  @Test
  void verifyFullConnectsWithTheServersCaAndRefusesAnyOther() throws Exception {
    TestCertificates.Issued authority = certificateAuthority("ca");
    certificateAuthority("other-ca");
    Path ca = directory.resolve("ca.crt");
    Path otherCa = directory.resolve("other-ca.crt");
    serverCertificateSignedBy(authority);
    admin("ALTER SYSTEM SET ssl_cert_file = '" + directory.resolve("server.crt") + "'",
        "ALTER SYSTEM SET ssl_key_file = '" + directory.resolve("server.key") + "'",
        "ALTER SYSTEM SET ssl = on", "SELECT pg_reload_conf()");

    try (PostgresStore store = store(ca)) {
      assertTrue(awaitReachable(store), "no verify-full connection with the server's CA");
      assertEquals(Boolean.TRUE, store.pools().writer().withHandle(handle -> handle
          .select("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").mapTo(Boolean.class).one()));
    }
    try (PostgresStore store = store(otherCa)) {
      assertFalse(store.isReachable(), "connected although the bundle lacks the server's CA");
    }
    // The asynchronous client takes the same TLS from the same URL.
    try (PostgresAsyncClient reads = new PostgresAsyncClient(config(ca), "tls-it")) {
      assertEquals(Boolean.TRUE, reads.select("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", Tuple.tuple(),
          rows -> rows.iterator().next().getBoolean(0)).toCompletableFuture().get(30, TimeUnit.SECONDS));
    }
    try (PostgresAsyncClient reads = new PostgresAsyncClient(config(otherCa), "tls-it")) {
      assertThrows(ExecutionException.class, () -> reads.select("SELECT 1", Tuple.tuple(), rows -> rows.size())
          .toCompletableFuture().get(30, TimeUnit.SECONDS), "connected although the bundle lacks the server's CA");
    }
  }

  private PostgresStore store(Path bundle) {
    return new PostgresStore("tls", new PostgresPools(config(bundle), "tls-it"));
  }

  private PostgresConfig config(Path bundle) {
    return PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN,
        "postgresql://postgres:postgres@localhost:" + postgres.port() + "/postgres?sslmode=verify-full&sslrootcert="
            + bundle, "DB_MIN_CONNECTIONS", "0")), "postgres");
  }

  /** The probe's answer once the reload took effect (PostgreSQL applies it asynchronously). */
  private static boolean awaitReachable(PostgresStore store) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      if (store.isReachable()) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** A CA made here (never checked in), its certificate written as {@code name}.crt. */
  private TestCertificates.Issued certificateAuthority(String name) {
    TestCertificates.Issued ca = TestCertificates.authority(name);
    ca.writePem(directory, name);
    return ca;
  }

  private void serverCertificateSignedBy(TestCertificates.Issued ca) throws IOException {
    TestCertificates.leaf(ca, "localhost").writePem(directory, "server");
    // PostgreSQL refuses a key others may read.
    Files.setPosixFilePermissions(directory.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
  }

  private void admin(String... statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(),
        postgres.password()); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
