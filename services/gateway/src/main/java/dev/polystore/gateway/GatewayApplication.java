package dev.polystore.gateway;

import dev.polystore.platform.config.ConfigException;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point: {@code java -jar polystore-gateway.jar}. With no store settings in the environment
 * it starts every store locally (devstack) and serves every service on port 9090.
 */
@SpringBootApplication
public class GatewayApplication {
  public static void main(String[] args) throws InterruptedException {
    Gateway gateway;
    try {
      gateway = Gateway.start(System.getenv(), args);
    } catch (ConfigException e) {
      // One clear line naming the variable; a stack trace would bury it.
      System.err.println("polystore: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "polystore-shutdown"));
    System.out.println("polystore gateway listening on port " + gateway.port());
    gateway.awaitShutdown();
  }
}
