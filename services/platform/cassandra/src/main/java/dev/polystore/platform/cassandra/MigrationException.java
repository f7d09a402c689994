package dev.polystore.platform.cassandra;

/**
 * Migrations cannot be applied: an applied migration was edited, a file is misnamed, the lock was
 * not free in time, or the schema did not settle. The service stays NOT_SERVING and says why.
 */
public final class MigrationException extends RuntimeException {
  public MigrationException(String message) {
    super(message);
  }
}
