package dev.polystore.archfixture.platform.health;

import dev.polystore.archfixture.platform.postgres.PoolFixture;

/** Violates the platform's layering: the core depending on a binding. */
public final class CoreUsesBinding {
  public boolean healthy(PoolFixture pool) {
    return pool.open();
  }
}
