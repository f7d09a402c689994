package dev.polystore.gateway;

import dev.polystore.platform.config.ConfigException;
import java.util.Map;

/**
 * POLYSTORE_MODE: local mode (devstack engines for missing stores) is only ever asked for, and
 * only the local launcher (polystore-local) can honour it; this jar carries no devstack.
 */
public final class Mode {
  public static final String VARIABLE = "POLYSTORE_MODE";
  public static final String LOCAL = "local";

  private Mode() {}

  /** The environment as it is, once it asks for no mode this jar cannot run. */
  static Map<String, String> production(Map<String, String> environment) {
    String mode = environment.getOrDefault(VARIABLE, "").trim();
    if (mode.equals(LOCAL)) {
      throw new ConfigException(VARIABLE, "local mode needs the local launcher jar (polystore-local-exec.jar), "
          + "not polystore-gateway-exec.jar");
    }
    if (!mode.isEmpty() && !mode.equals("production")) {
      throw new ConfigException(VARIABLE, "must be production (or local with polystore-local-exec.jar), was '" + mode + "'");
    }
    return environment;
  }
}
