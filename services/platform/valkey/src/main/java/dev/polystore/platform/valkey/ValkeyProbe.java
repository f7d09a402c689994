package dev.polystore.platform.valkey;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers "does Valkey answer now?" with a PING on the service's own connection. While that
 * connection is down, Lettuce rejects the PING at once (no queueing), so a probe never waits long.
 * In cluster mode the PING goes to the node the client connected to first: a node that fails alone
 * shows up as UNAVAILABLE on the calls whose keys it serves, not as the whole service going down.
 */
final class ValkeyProbe {
  private ValkeyProbe() {}

  static boolean answers(ValkeyConnection connection, Duration timeout) {
    try {
      return "PONG".equals(connection.async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
