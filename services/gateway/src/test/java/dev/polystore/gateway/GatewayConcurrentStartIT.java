package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Two gateways started at the same moment against one empty database both reach SERVING, and
 * every migration is applied exactly once (Flyway serialises them with an advisory lock).
 */
class GatewayConcurrentStartIT {
  private static final String ACCOUNTS = "polystore.accounts.v1.AccountsService";

  @Test
  void twoInstancesMigrateOnceAndBothServe() throws Exception {
    LocalPostgres postgres = Devstack.postgres();
    postgres.dropDatabase("accounts");
    postgres.createDatabase("accounts");
    Map<String, String> env = GatewayClient.withAdmin(
        Map.of("POSTGRES_WRITER_CONN", postgres.connectionUrl(), "VALKEY_URL", Devstack.valkey().url(),
            "POLYSTORE_SERVICES", "accounts"));

    CompletableFuture<Gateway> first = CompletableFuture.supplyAsync(() -> Gateway.start(env, "--spring.grpc.server.port=0", "--server.port=0"));
    CompletableFuture<Gateway> second = CompletableFuture.supplyAsync(() -> Gateway.start(env, "--spring.grpc.server.port=0", "--server.port=0"));
    try (Gateway a = first.join(); Gateway b = second.join();
        GatewayClient clientA = new GatewayClient(a.port()); GatewayClient clientB = new GatewayClient(b.port())) {
      assertEquals(ServingStatus.SERVING, clientA.awaitServing(ACCOUNTS, Duration.ofSeconds(60)));
      assertEquals(ServingStatus.SERVING, clientB.awaitServing(ACCOUNTS, Duration.ofSeconds(60)));

      int migrations = Flyway.configure()
          .dataSource(postgres.jdbcUrl("accounts"), postgres.user(), postgres.password())
          .locations("classpath:db/accounts").load().info().all().length;
      assertTrue(migrations > 0, "the accounts service has migrations");
      try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("accounts"), postgres.user(), postgres.password());
          ResultSet rows = connection.createStatement().executeQuery(
              "select version, count(*) from flyway_schema_history where version is not null group by version order by version")) {
        int seen = 0;
        while (rows.next()) {
          assertEquals(1, rows.getInt(2), "migration " + rows.getString(1) + " applied once");
          seen++;
        }
        assertEquals(migrations, seen, "every migration applied");
      }
    }
  }
}
