package dev.polystore.local;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalS3;
import dev.polystore.gateway.GatewayModules;
import dev.polystore.gateway.Mode;
import dev.polystore.gateway.Transport;
import dev.polystore.platform.auth.AuthSettings;
import dev.polystore.platform.config.ConfigException;
import dev.polystore.platform.config.Env;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode: for every store a hosted service needs whose settings are missing from the
 * environment, start the devstack engine and use it. A store with settings is used as configured.
 * Stores no hosted service needs are not started.
 */
public final class LocalStores {
  private static final Logger log = LoggerFactory.getLogger(LocalStores.class);

  private LocalStores() {}

  /** The environment with the settings of every devstack store started for the hosted services. */
  public static Map<String, String> complete(Map<String, String> environment) {
    String mode = environment.getOrDefault(Mode.VARIABLE, Mode.LOCAL).trim();
    if (!mode.isEmpty() && !mode.equals(Mode.LOCAL)) {
      throw new ConfigException(Mode.VARIABLE, "the local launcher runs local mode only, was '" + mode
          + "'; production is polystore-gateway-exec.jar");
    }
    List<String> services = GatewayModules.selected(new Env(environment));
    Map<String, String> merged = new HashMap<>(environment);
    merged.put(Mode.VARIABLE, Mode.LOCAL);
    if (needs(services, "accounts", "messenger") && isMissing(environment, "POSTGRES_WRITER_CONN")) {
      log.info("POSTGRES_WRITER_CONN is not set: starting a local PostgreSQL (devstack)");
      Devstack.postgres();
    }
    if (needs(services, "activity", "files")
        && isMissing(environment, "CASSANDRA_CONTACT_POINTS") && isMissing(environment, "KEYSPACES_REGION")) {
      log.info("neither CASSANDRA_CONTACT_POINTS nor KEYSPACES_REGION is set: starting a local Cassandra (devstack)");
      Devstack.cassandra();
    }
    // Presence's store, and the event bus the producing services relay their outboxes to.
    if (needs(services, "presence", "accounts", "messenger", "files") && isMissing(environment, "VALKEY_URL")) {
      log.info("VALKEY_URL is not set: starting a local Valkey (devstack)");
      Devstack.valkey();
    }
    if (needs(services, "files") && isMissing(environment, "S3_BUCKET")) {
      log.info("S3_BUCKET is not set: starting a local S3 (devstack S3Proxy) with bucket {}", LocalS3.BUCKET);
      // The local S3 takes its own credentials only, not whatever AWS ones the shell holds.
      merged.putAll(Devstack.s3().env());
    }
    if (needs(services, "search") && isMissing(environment, "VECTOR_BACKEND")) {
      // The embedded engine runs in-process: no devstack store, just a data directory beside devstack's.
      Path data = Path.of("target", "devstack", "vector").toAbsolutePath();
      log.info("VECTOR_BACKEND is not set: using the embedded vector engine in {}", data);
      merged.put("VECTOR_BACKEND", "embedded");
      merged.putIfAbsent("VECTOR_DATA_DIR", data.toString());
    }
    Devstack.env().forEach(merged::putIfAbsent);
    if (isMissing(environment, AuthSettings.ADMIN_TOKEN_SHA256)) {
      merged.put(AuthSettings.ADMIN_TOKEN_SHA256, LocalAdminToken.digest(LocalAdminToken.FILE));
      log.info("admin token (bearer credential for every call) is in {}", LocalAdminToken.FILE.toAbsolutePath());
    }
    // grpcurl and buf curl list and call the services without the .proto files.
    merged.putIfAbsent(Transport.REFLECTION, "true");
    return merged;
  }

  private static boolean needs(List<String> services, String... anyOf) {
    for (String service : anyOf) {
      if (services.contains(service)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isMissing(Map<String, String> environment, String variable) {
    String value = environment.get(variable);
    return value == null || value.isBlank();
  }
}
