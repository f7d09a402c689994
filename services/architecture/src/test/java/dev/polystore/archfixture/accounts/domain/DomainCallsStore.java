package dev.polystore.archfixture.accounts.domain;

import dev.polystore.archfixture.accounts.store.AccountRows;

/** Violates the layers: a domain class calling its store directly. */
public final class DomainCallsStore {
  public int users(AccountRows rows) {
    return rows.count();
  }
}
