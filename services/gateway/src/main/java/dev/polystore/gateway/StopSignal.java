package dev.polystore.gateway;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGTERM (an orchestrator stopping us) and SIGINT (Ctrl-C), taken from the JVM's default handling:
 * that would run shutdown hooks concurrently and exit 143, where we want an ordered stop and 0.
 */
final class StopSignal {
  private final CountDownLatch received = new CountDownLatch(1);

  private StopSignal() {}

  static StopSignal install() {
    StopSignal stop = new StopSignal();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), signal -> stop.received.countDown());
      } catch (IllegalArgumentException e) {
        // The JVM keeps this signal (-Xrs, or an embedding host): its shutdown hook still stops us.
      }
    }
    return stop;
  }

  /** Blocks until a stop signal arrives. */
  void await() {
    boolean interrupted = false;
    while (received.getCount() > 0) {
      try {
        received.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
