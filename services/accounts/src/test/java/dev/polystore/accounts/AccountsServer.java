package dev.polystore.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.grpc.GrpcServer;
import dev.polystore.platform.postgres.PostgresConfig;
import dev.polystore.platform.postgres.PostgresEndpoint;
import dev.polystore.platform.service.ServiceHost;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * AccountsService as it runs for real, on a fresh database of devstack's PostgreSQL: a ServiceHost
 * with the module, served by GrpcServer on a loopback port, and a real channel to it.
 */
final class AccountsServer implements AutoCloseable {
  static final String SERVICE = "polystore.accounts.v1.AccountsService";
  static final List<String> TABLES = List.of("users", "workspaces", "memberships", "api_keys");
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

  final LocalPostgres postgres = Devstack.postgres();
  final String database = "accounts_it_" + UUID.randomUUID().toString().replace("-", "");
  final AccountsModule module;
  final ServiceHost host;
  final GrpcServer server;
  final ManagedChannel channel;

  AccountsServer() {
    postgres.createDatabase(database);
    PostgresEndpoint endpoint = PostgresEndpoint.parse("POSTGRES_WRITER_CONN", postgres.connectionUrl());
    PostgresConfig config = new PostgresConfig(database, endpoint, endpoint, 5, 1, Duration.ofSeconds(30),
        Duration.ofSeconds(5));
    // A long interval: tests write last uses with flushLastUses(), so they never wait for a timer.
    module = AccountsModule.create(config, Duration.ofHours(1));
    host = new ServiceHost(List.of(module)).start();
    server = GrpcServer.start("127.0.0.1", 0, host.platform(), host.rawServices());
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  /** Starts a server and waits until it reports SERVING, which it does once its migrations ran. */
  static AccountsServer startServing() throws InterruptedException {
    AccountsServer server = new AccountsServer();
    assertEquals(ServingStatus.SERVING, server.awaitStatus(ServingStatus.SERVING, Duration.ofSeconds(60)));
    return server;
  }

  /** A blocking stub whose every call has a deadline. */
  AccountsServiceGrpc.AccountsServiceBlockingStub accounts() {
    return AccountsServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  ServingStatus status() {
    try {
      return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService(SERVICE).build()).getStatus();
    } catch (RuntimeException e) {
      return ServingStatus.UNKNOWN;
    }
  }

  /** The status once it is {@code wanted}, or the last one seen when {@code limit} runs out. */
  ServingStatus awaitStatus(ServingStatus wanted, Duration limit) throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    ServingStatus status = status();
    while (status != wanted && Instant.now().isBefore(end)) {
      Thread.sleep(100);
      status = status();
    }
    return status;
  }

  /**
   * Per table, its row count and a digest of every row, to show that a refused request changed
   * nothing: no row added or removed, and none updated either.
   */
  Map<String, String> tableContents() throws SQLException {
    Map<String, String> contents = new LinkedHashMap<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rows = statement.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, ','"
            + " ORDER BY t::text)), '') FROM " + table + " AS t")) {
          rows.next();
          contents.put(table, rows.getLong(1) + " rows, digest " + rows.getString(2));
        }
      }
    }
    return contents;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.stop(Duration.ofSeconds(2));
    host.close();
    if (postgres.isRunning()) {
      postgres.dropDatabase(database);
    }
  }
}
