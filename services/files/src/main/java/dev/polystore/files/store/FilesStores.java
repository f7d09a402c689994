package dev.polystore.files.store;

import dev.polystore.platform.cassandra.CassandraStore;
import dev.polystore.platform.health.ManagedStore;
import dev.polystore.platform.s3.S3Store;

/**
 * The two stores the files service owns, as one for the supervisor: migrated when the keyspace is
 * migrated and the bucket answers, reachable while both are. Either one away makes the service
 * NOT_SERVING: no call can be answered truthfully without both.
 */
public final class FilesStores implements ManagedStore, AutoCloseable {
  private final CassandraStore cassandra;
  private final S3Store s3;

  public FilesStores(CassandraStore cassandra, S3Store s3) {
    this.cassandra = cassandra;
    this.s3 = s3;
  }

  @Override
  public void migrate() {
    cassandra.migrate();
    s3.migrate();
  }

  @Override
  public boolean isReachable() {
    return cassandra.isReachable() && s3.isReachable();
  }

  @Override
  public void close() {
    s3.close();
    cassandra.close();
  }
}
