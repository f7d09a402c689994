package dev.polystore.platform.service;

import java.util.function.BooleanSupplier;

/**
 * Work a service does beside answering calls, such as consuming events. The host starts it with
 * the service and stops it before the service's store closes.
 */
public interface BackgroundTask extends AutoCloseable {
  /**
   * Starts the task on threads of its own. {@code serving} tells whether the service is SERVING
   * (store migrated and answering): the task waits while it is not, so that a store outage or a
   * pending migration is not mistaken for bad input.
   */
  void start(BooleanSupplier serving);

  /** Stops the task; returns once its threads have ended or were given up on. */
  @Override
  void close();
}
