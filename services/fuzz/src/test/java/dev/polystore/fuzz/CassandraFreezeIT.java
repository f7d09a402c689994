package dev.polystore.fuzz;

import dev.polystore.devstack.Devstack;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cassandra's child JVM frozen under ActivityService, beside AccountsService on PostgreSQL (see {@link FreezeDrill}). */
class CassandraFreezeIT {
  private static final String WORKSPACE = UUID.randomUUID().toString();
  private static Served frozen;
  private static Served other;

  @BeforeAll
  static void start() throws InterruptedException {
    frozen = Services.activity();
    other = Services.accounts();
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
  void frozenCassandraGoesNotServingInBoundedTimeAndComesBack() throws Exception {
    var store = Devstack.cassandra();
    FreezeDrill.run(frozen, other, new FreezeDrill.Store() {
      @Override
      public void freeze() {
        store.freeze();
      }

      @Override
      public void thaw() {
        store.thaw();
      }
    }, i -> Calls.recordEvent(frozen, WORKSPACE), written -> Calls.eventExists(frozen, WORKSPACE, written), () -> Calls.createUser(other));
  }
}
