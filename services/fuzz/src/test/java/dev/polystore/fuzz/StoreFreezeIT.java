package dev.polystore.fuzz;

import dev.polystore.devstack.Devstack;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each store frozen (SIGSTOP) under the service that uses it, beside a service on another store
 * (see {@link FreezeDrill}); one test per store. The stores are devstack's, shared by this JVM's
 * test classes, which failsafe runs one after another; the drill thaws whatever happens.
 */
class StoreFreezeIT {
  private final String workspace = UUID.randomUUID().toString();

  @Test
  void postgresFrozenUnderAccountsBesidePresenceOnValkey() throws Exception {
    FreezeDrill.run(Services::accounts, Services::presence, Devstack.postgres().processes(),
        frozen -> Calls.createUser(frozen), Calls::userExists, other -> Calls.heartbeat(other, workspace));
  }

  @Test
  void cassandraFrozenUnderActivityBesideAccountsOnPostgres() throws Exception {
    FreezeDrill.run(Services::activity, Services::accounts, Devstack.cassandra().processes(),
        frozen -> Calls.recordEvent(frozen, workspace), (frozen, id) -> Calls.eventExists(frozen, workspace, id),
        Calls::createUser);
  }

  @Test
  void valkeyFrozenUnderPresenceBesideAccountsOnPostgres() throws Exception {
    FreezeDrill.run(Services::presence, Services::accounts, Devstack.valkey().processes(),
        frozen -> Calls.heartbeat(frozen, workspace), (frozen, id) -> Calls.isOnline(frozen, workspace, id),
        Calls::createUser);
  }

  /** FilesService keeps its records in Cassandra, which stays up; its objects are in the frozen S3. */
  @Test
  void s3FrozenUnderFilesBesidePresenceOnValkey() throws Exception {
    FreezeDrill.run(Services::files, Services::presence, Devstack.s3().processes(),
        frozen -> Calls.createUpload(frozen, workspace), (frozen, id) -> Calls.fileExists(frozen, workspace, id),
        other -> Calls.heartbeat(other, workspace));
  }
}
