package dev.polystore.archfixture.activity.api;

import dev.polystore.archfixture.accounts.store.AccountRows;

/** Violates service independence: activity reading accounts' store code. */
public final class ReachesIntoAccounts {
  public int users(AccountRows rows) {
    return rows.count();
  }
}
