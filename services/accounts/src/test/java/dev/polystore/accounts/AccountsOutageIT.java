package dev.polystore.accounts;

import static dev.polystore.platform.testing.StatusAssertions.assertCutOff;
import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static dev.polystore.platform.testing.StatusAssertions.awaitAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.accounts.v1.ListMembersRequest;
import dev.polystore.accounts.v1.User;
import dev.polystore.accounts.v1.Workspace;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running service (stopped, or turned read-only as in a failover)
 * and comes back: callers get UNAVAILABLE within
 * their deadline meanwhile, and the same service answers again afterwards without a restart.
 *
 * <p>It stops the PostgreSQL every test class of this JVM shares; failsafe runs classes one after
 * another, and the finally block starts it again whatever happens.
 */
class AccountsOutageIT {
  private static final Duration DEADLINE = Duration.ofSeconds(2);
  private static AccountsServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = AccountsServer.startServing();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void failsWithUnavailableWhileTheDatabaseIsAwayAndRecoversOnItsOwn() throws InterruptedException {
    User before = createUser();
    try {
      server.postgres.stop();

      // Right away (the pool still holds connections to the dead server) and once health noticed.
      assertStatus(Status.Code.UNAVAILABLE, () -> getUser(before.getUserId()));
      assertCutOff(this::createUser);
      assertEquals(ServingStatus.NOT_SERVING, server.awaitStatus(ServingStatus.NOT_SERVING, Duration.ofSeconds(30)));
      assertStatus(Status.Code.UNAVAILABLE, () -> getUser(before.getUserId()));
      assertStatus(Status.Code.UNAVAILABLE, () -> accounts().listMembers(ListMembersRequest.newBuilder()
          .setWorkspaceId(UUID.randomUUID().toString()).build()));
    } finally {
      server.postgres.start();
    }

    assertEquals(before, awaitAnswer(() -> getUser(before.getUserId()), Duration.ofSeconds(60)));
    User after = createUser();
    assertEquals(after, getUser(after.getUserId()));
    assertEquals(ServingStatus.SERVING, server.awaitStatus(ServingStatus.SERVING, Duration.ofSeconds(30)));
  }

  /**
   * An Aurora failover as the writer pool sees it, on the local engine: the server behind the
   * writer URL turns read-only (as the demoted writer does, reached through a stale DNS answer) and
   * drops its connections. Writes get UNAVAILABLE, which clients retry, no connection stays on the
   * read-only server, and once it is the writer again writes succeed without a restart. The module
   * has no separate reader, so its reads need the writer too.
   */
  @Test
  void writesAreUnavailableOnAReadOnlyWriterAndSucceedOnceItIsTheWriterAgain() throws Exception {
    User before = createUser();
    try (Connection admin = server.connect(); Statement sql = admin.createStatement()) {
      try {
        sql.execute("ALTER DATABASE " + server.served.database + " SET default_transaction_read_only = on");
        sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        // Each pooled connection the "failover" cut fails one call (DEADLINE_EXCEEDED), until new
        // connections are tried: UNAVAILABLE. The pool holds at most 5.
        Status.Code cutOff = Status.Code.DEADLINE_EXCEEDED;
        for (int call = 0; call < 6 && cutOff == Status.Code.DEADLINE_EXCEEDED; call++) {
          cutOff = assertCutOff(this::createUser).getStatus().getCode();
        }
        assertEquals(Status.Code.UNAVAILABLE, cutOff);
        for (int i = 0; i < 3; i++) {
          assertStatus(Status.Code.UNAVAILABLE, this::createUser);
        }
        assertEquals(0, writerConnectionsThatStayed(sql), "writer connections kept on the read-only server");
      } finally {
        sql.execute("ALTER DATABASE " + server.served.database + " RESET default_transaction_read_only");
      }
    }

    String slug = "failover-" + UUID.randomUUID().toString().substring(0, 8);
    Workspace workspace = awaitAnswer(() -> server.accounts().createWorkspace(CreateWorkspaceRequest.newBuilder()
        .setSlug(slug).setName("Failover").setOwnerUserId(before.getUserId()).build()).getWorkspace(), Duration.ofSeconds(60));
    assertEquals(slug, workspace.getSlug());
    // CreateUser runs on the asynchronous client, whose connections opened while the server was
    // read-only are replaced by the first write they refuse (UNAVAILABLE, nothing written).
    User after = awaitAnswer(this::createUser, Duration.ofSeconds(60));
    assertEquals(after, getUser(after.getUserId()));
  }

  /** Connections of the writer pool older than a moment: not the brief ones refused at log-in. */
  private static int writerConnectionsThatStayed(Statement sql) throws SQLException {
    try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND application_name = '" + AccountsModule.NAME + "-writer'"
        + " AND backend_start < statement_timestamp() - interval '2 seconds'")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static AccountsServiceGrpc.AccountsServiceBlockingStub accounts() {
    return AccountsServiceGrpc.newBlockingStub(server.channel)
        .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private User createUser() {
    return accounts().createUser(CreateUserRequest.newBuilder()
        .setEmail("outage-" + UUID.randomUUID() + "@example.com").setDisplayName("Outage").build()).getUser();
  }

  private static User getUser(String userId) {
    return accounts().getUser(GetUserRequest.newBuilder().setUserId(userId).build()).getUser();
  }
}
