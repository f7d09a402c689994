package dev.polystore.archfixture.platform.valkey;

/** Stands in for the Valkey binding (the event bus) in the fixtures. */
public final class StreamFixture {
  public long length() {
    return 0;
  }
}
