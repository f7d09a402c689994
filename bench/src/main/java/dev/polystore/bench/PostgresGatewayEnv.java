package dev.polystore.bench;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.platform.postgres.PostgresConfig;
import java.util.Map;

/** The settings of a gateway over the devstack's PostgreSQL, on a database emptied for this run. */
public final class PostgresGatewayEnv {
  private PostgresGatewayEnv() {}

  /**
   * Drops and creates {@code database}, then the gateway's settings: that server, the devstack's
   * Valkey for events, and a handler thread per core.
   */
  public static Map<String, String> fresh(String database) {
    LocalPostgres postgres = Devstack.postgres();
    postgres.dropDatabase(database);
    postgres.createDatabase(database);
    return Map.ofEntries(Map.entry(PostgresConfig.WRITER_CONN, postgres.connectionUrl()),
        Map.entry("VALKEY_URL", Devstack.valkey().url()),
        BenchGateway.handlerThreadPerCore());
  }
}
