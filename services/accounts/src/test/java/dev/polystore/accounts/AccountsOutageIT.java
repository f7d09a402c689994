package dev.polystore.accounts;

import static dev.polystore.platform.testing.StatusAssertions.assertCutOff;
import static dev.polystore.platform.testing.StatusAssertions.assertStatus;
import static dev.polystore.platform.testing.StatusAssertions.awaitAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.accounts.v1.ListMembersRequest;
import dev.polystore.accounts.v1.User;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running service and comes back: callers get UNAVAILABLE within
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
