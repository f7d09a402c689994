package dev.polystore.fuzz;

import dev.polystore.devstack.Devstack;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PostgreSQL's postmaster and backends frozen under AccountsService, beside PresenceService on Valkey (see {@link FreezeDrill}). */
class PostgresFreezeIT {
  private static final String WORKSPACE = UUID.randomUUID().toString();
  private static Served frozen;
  private static Served other;

  @BeforeAll
  static void start() throws InterruptedException {
    frozen = Services.accounts();
    other = Services.presence();
    for (Served served : new Served[] {frozen, other}) {
      if (served.awaitStatus(ServingStatus.SERVING, Duration.ofSeconds(150)) != ServingStatus.SERVING) {
        throw new IllegalStateException(served.service() + " did not become SERVING");
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (frozen != null) {
      frozen.close();
    }
    if (other != null) {
      other.close();
    }
  }

  @Test
  void frozenPostgresGoesNotServingInBoundedTimeAndComesBack() throws Exception {
    var store = Devstack.postgres();
    FreezeDrill.run(frozen, other, new FreezeDrill.Store() {
      @Override
      public void freeze() {
        store.freeze();
      }

      @Override
      public void thaw() {
        store.thaw();
      }
    }, i -> Calls.createUser(frozen), written -> Calls.userExists(frozen, written), () -> Calls.heartbeat(other, WORKSPACE));
  }
}
