package dev.polystore.archfixture.accounts.store;

/** A store class that others must not reach. */
public final class AccountRows {
  public int count() {
    return 0;
  }
}
