package dev.polystore.accounts;

import static dev.polystore.platform.testing.StatusAssertions.assertCutOff;
import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static dev.polystore.platform.testing.StatusAssertions.awaitAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.accounts.v1.User;
import dev.polystore.accounts.v1.Workspace;
import io.grpc.Status;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An Aurora failover as the writer pool sees it, on the local engine: the server behind the writer
 * URL turns into a read-only one (as the demoted writer does, reached through a stale DNS answer)
 * and drops its connections. The module has no separate reader, so its reads need the writer too. Writes get UNAVAILABLE, which clients retry, no connection stays on
 * the read-only server, and once the writer is writable again writes succeed without a restart.
 */
class AccountsFailoverIT {
  private static final Duration RECOVERY = Duration.ofSeconds(60);
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
        .setSlug(slug).setName("Failover").setOwnerUserId(before.getUserId()).build()).getWorkspace(), RECOVERY);
    assertEquals(slug, workspace.getSlug());
    User after = createUser();
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

  private User createUser() {
    return server.accounts().createUser(CreateUserRequest.newBuilder()
        .setEmail("failover-" + UUID.randomUUID() + "@example.com").setDisplayName("Failover").build()).getUser();
  }

  private static User getUser(String userId) {
    return server.accounts().getUser(GetUserRequest.newBuilder().setUserId(userId).build()).getUser();
  }
}
