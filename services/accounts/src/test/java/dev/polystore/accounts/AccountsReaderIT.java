package dev.polystore.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.GetWorkspaceRequest;
import dev.polystore.accounts.v1.ListMembersRequest;
import dev.polystore.accounts.v1.User;
import dev.polystore.accounts.v1.Workspace;
import dev.polystore.devstack.Devstack;
import dev.polystore.platform.config.Env;
import dev.polystore.platform.postgres.PostgresConfig;
import dev.polystore.platform.postgres.testing.PostgresServedModule;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads that follow the caller's own writes go to the writer, lists to the reader, as the proto's
 * comments say. POSTGRES_READER_CONN points at the same server with currentSchema=replica, empty
 * tables of the same shape: a replica that lags behind everything (as MessengerReaderIT does).
 */
class AccountsReaderIT {
  private static final String REPLICA = "replica";
  private static PostgresServedModule<AccountsModule> served;

  @BeforeAll
  static void start() throws Exception {
    String server = Devstack.postgres().connectionUrl();
    served = PostgresServedModule.startServing(AccountsModule.NAME, AccountsServer.TABLES,
        config -> AccountsModule.create(PostgresConfig.fromEnv(new Env(Map.of(PostgresConfig.WRITER_CONN, server,
            PostgresConfig.READER_CONN, server + "?currentSchema=" + REPLICA)), config.database()), Duration.ofHours(1)));
    try (Connection connection = served.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + REPLICA);
      for (String table : AccountsServer.TABLES) {
        statement.execute("CREATE TABLE " + REPLICA + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
      }
    }
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  @Test
  void aCallerGetsTheWorkspaceItJustCreatedWhileListsMayLag() {
    User owner = accounts().createUser(CreateUserRequest.newBuilder()
        .setEmail("reader-" + UUID.randomUUID() + "@example.com").setDisplayName("Reader").build()).getUser();
    Workspace created = accounts().createWorkspace(CreateWorkspaceRequest.newBuilder()
        .setSlug("reader-" + UUID.randomUUID().toString().substring(0, 8)).setName("Reader")
        .setOwnerUserId(owner.getUserId()).build()).getWorkspace();

    assertEquals(created, accounts().getWorkspace(GetWorkspaceRequest.newBuilder()
        .setWorkspaceId(created.getWorkspaceId()).build()).getWorkspace());
    assertEquals(0, accounts().listMembers(ListMembersRequest.newBuilder()
        .setWorkspaceId(created.getWorkspaceId()).build()).getMembersCount(), "the list read the writer");
  }

  private static AccountsServiceGrpc.AccountsServiceBlockingStub accounts() {
    return AccountsServiceGrpc.newBlockingStub(served.channel)
        .withDeadlineAfter(PostgresServedModule.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }
}
