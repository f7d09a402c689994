package dev.polystore.platform.cassandra.testing;

import dev.polystore.platform.cassandra.CassandraConfig;
import dev.polystore.platform.config.Env;
import java.util.Optional;

/**
 * Amazon Keyspaces for the store ITs, when the opt-in Maven profile {@code managed-stores} runs
 * them (system property {@code polystore.managed-stores}) and {@code KEYSPACES_REGION} is set,
 * with AWS credentials from the default chain. Otherwise empty: the tests use devstack's Cassandra.
 */
public final class ManagedKeyspaces {
  public static final String PROPERTY = "polystore.managed-stores";

  private ManagedKeyspaces() {}

  public static Optional<CassandraConfig> config() {
    Env env = new Env(System.getenv());
    if (!Boolean.getBoolean(PROPERTY) || !env.has(CassandraConfig.KEYSPACES_REGION)) {
      return Optional.empty();
    }
    return Optional.of(CassandraConfig.fromEnv(env));
  }
}
