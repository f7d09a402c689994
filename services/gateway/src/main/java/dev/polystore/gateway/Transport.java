package dev.polystore.gateway;

import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How the gateway port is served, as Spring gRPC properties (its SSL bundles do the TLS, so we
 * write no TLS code of our own):
 * <ul>
 *   <li>{@code POLYSTORE_TLS_CERT_FILE} and {@code POLYSTORE_TLS_KEY_FILE} (PEM): TLS on the port;
 *   <li>{@code POLYSTORE_TLS_CLIENT_CA_FILE} (PEM): client certificates signed by this CA are
 *       verified and identify service principals (mutual TLS); a client without one may still
 *       connect and authenticate with a bearer credential, one with a bad one cannot connect;
 *   <li>{@code GRPC_REFLECTION=true}: serve gRPC reflection (off by default; on in local mode).
 * </ul>
 */
public final class Transport {
  public static final String CERT = "POLYSTORE_TLS_CERT_FILE";
  public static final String KEY = "POLYSTORE_TLS_KEY_FILE";
  public static final String CLIENT_CA = "POLYSTORE_TLS_CLIENT_CA_FILE";
  public static final String REFLECTION = "GRPC_REFLECTION";
  private static final String BUNDLE = "spring.ssl.bundle.pem.polystore.";

  private final boolean tls;
  private final Map<String, String> properties;

  private Transport(boolean tls, Map<String, String> properties) {
    this.tls = tls;
    this.properties = Map.copyOf(properties);
  }

  public static Transport fromEnv(Env env) {
    Map<String, String> properties = new HashMap<>();
    properties.put("spring.grpc.server.reflection.enabled", String.valueOf(env.bool(REFLECTION, false)));
    boolean tls = env.has(CERT) || env.has(KEY);
    if (tls) {
      properties.put(BUNDLE + "keystore.certificate", readable(env, CERT));
      properties.put(BUNDLE + "keystore.private-key", readable(env, KEY));
      properties.put("spring.grpc.server.ssl.bundle", "polystore");
      properties.put("spring.grpc.server.ssl.enabled", "true");
    }
    if (env.has(CLIENT_CA)) {
      if (!tls) {
        throw new ConfigException(CLIENT_CA, "needs " + CERT + " and " + KEY + ": client certificates need TLS");
      }
      properties.put(BUNDLE + "truststore.certificate", readable(env, CLIENT_CA));
      properties.put("spring.grpc.server.ssl.client-auth", "optional");
    }
    return new Transport(tls, properties);
  }

  /** Whether the port speaks TLS. */
  public boolean tls() {
    return tls;
  }

  /** Spring properties to start the server with. */
  public Map<String, String> properties() {
    return properties;
  }

  private static String readable(Env env, String variable) {
    Path path = Path.of(env.required(variable));
    if (!Files.isReadable(path)) {
      throw new ConfigException(variable, "cannot read " + path);
    }
    return "file:" + path.toAbsolutePath();
  }
}
