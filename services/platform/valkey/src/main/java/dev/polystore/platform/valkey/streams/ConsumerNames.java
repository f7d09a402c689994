package dev.polystore.platform.valkey.streams;

import java.util.UUID;

/**
 * Names of consumers in a group: one per process and stream, never reused, so that a restarted
 * process does not inherit (and wait out) a dead one's pending entries under the same name; the
 * live consumers claim those.
 */
public final class ConsumerNames {
  private ConsumerNames() {}

  /** {@code <host>-<pid>-<random>}; the host from HOSTNAME when set (containers set it). */
  public static String forThisProcess() {
    String host = System.getenv().getOrDefault("HOSTNAME", "host");
    return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
