package dev.polystore.gateway;

import dev.polystore.platform.config.ConfigException;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What both launchers do (the production jar and polystore-local's): answer a health check, or
 * start a gateway on the environment their mode prepares, and stop it gracefully on SIGTERM.
 */
public final class GatewayMain {
  private GatewayMain() {}

  /**
   * Runs until SIGTERM or SIGINT, then exits 0. A configuration error is one line on stderr and
   * exit code 2. {@code mode} checks and completes the environment (local mode starts stores).
   */
  public static void run(String[] args, UnaryOperator<Map<String, String>> mode) {
    // Before anything else: a container health check must start neither Spring nor a store.
    if (HealthCheck.isRequested(args)) {
      System.exit(HealthCheck.run(args, System.getenv(), System.out));
    }
    DnsCacheTtl.shorten(); // before the first lookup, which fixes the JVM's DNS cache policy
    Gateway gateway;
    try {
      gateway = Gateway.start(mode.apply(System.getenv()), args);
    } catch (ConfigException e) {
      // One clear line naming the variable; a stack trace would bury it.
      System.err.println("polystore: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Signals stop us in order and exit 0; the hook covers any other way the JVM is ended.
    StopSignal stop = StopSignal.install();
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "polystore-shutdown"));
    System.out.println("polystore gateway listening on port " + gateway.port());
    stop.await();
    gateway.close();
    // Runs the remaining hooks (devstack's, in local mode) and exits 0, not 143 as after SIGTERM.
    System.exit(0);
  }
}
