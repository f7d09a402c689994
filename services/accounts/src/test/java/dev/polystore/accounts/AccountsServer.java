package dev.polystore.accounts;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.postgres.testing.PostgresServedModule;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** AccountsService as it runs for real, on a fresh database of devstack's PostgreSQL (see PostgresServedModule). */
final class AccountsServer implements AutoCloseable {
  static final List<String> TABLES = List.of("users", "workspaces", "memberships", "api_keys", "create_requests",
      "outbox");

  final PostgresServedModule<AccountsModule> served;
  final LocalPostgres postgres;
  final AccountsModule module;
  final ManagedChannel channel;

  private AccountsServer(PostgresServedModule<AccountsModule> served) {
    this.served = served;
    this.postgres = served.postgres;
    this.module = served.module;
    this.channel = served.channel;
  }

  /** Starts a server and waits until it reports SERVING, which it does once its migrations ran. */
  static AccountsServer startServing() throws InterruptedException {
    // A long interval: tests write last uses with flushLastUses(), so they never wait for a timer.
    return new AccountsServer(PostgresServedModule.startServing(AccountsModule.NAME, TABLES,
        config -> AccountsModule.create(config, Duration.ofHours(1))));
  }

  /** A blocking stub whose every call has a deadline. */
  AccountsServiceGrpc.AccountsServiceBlockingStub accounts() {
    return AccountsServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(PostgresServedModule.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  ServingStatus awaitStatus(ServingStatus wanted, Duration limit) throws InterruptedException {
    return served.awaitStatus(wanted, limit);
  }

  Map<String, String> tableContents() throws SQLException {
    return served.tableContents();
  }

  Connection connect() throws SQLException {
    return served.connect();
  }

  @Override
  public void close() {
    served.close();
  }
}
