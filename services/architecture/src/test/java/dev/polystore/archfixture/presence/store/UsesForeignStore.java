package dev.polystore.archfixture.presence.store;

import dev.polystore.archfixture.platform.postgres.PoolFixture;

/** Violates "its own stores only": presence (Valkey) using the PostgreSQL binding. */
public final class UsesForeignStore {
  public boolean up(PoolFixture pool) {
    return pool.open();
  }
}
