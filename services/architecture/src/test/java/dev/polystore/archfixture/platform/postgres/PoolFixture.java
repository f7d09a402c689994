package dev.polystore.archfixture.platform.postgres;

/** A binding class. */
public final class PoolFixture {
  public boolean open() {
    return true;
  }
}
