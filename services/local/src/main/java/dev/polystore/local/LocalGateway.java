package dev.polystore.local;

import dev.polystore.gateway.GatewayMain;

/**
 * Entry point of local mode: {@code java -jar polystore-local-exec.jar}, which {@code
 * bin/polystore-local} runs on a Java 21+ runtime with the Vector API. Starts devstack's engine
 * for every store a hosted service needs whose settings are missing, then runs the same gateway
 * as the production jar (health check, graceful stop and all).
 */
public final class LocalGateway {
  private LocalGateway() {}

  public static void main(String[] args) {
    GatewayMain.run(args, LocalStores::complete);
  }
}
