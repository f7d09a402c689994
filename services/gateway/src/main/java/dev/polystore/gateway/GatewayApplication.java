package dev.polystore.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point of the production jar: {@code java -jar polystore-gateway-exec.jar}. Every hosted
 * service's store settings must be in the environment; local mode is polystore-local's.
 */
@SpringBootApplication
public class GatewayApplication {
  public static void main(String[] args) {
    GatewayMain.run(args, Mode::production);
  }
}
