package dev.polystore.platform.cassandra;

import java.time.Duration;

/** The pause of a polling loop at start-up; an interrupt ends the wait as a failure. */
final class Sleep {
  private Sleep() {}

  static void of(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrationException("interrupted while migrating");
    }
  }
}
