package dev.polystore.platform.health;

/** What a service's store binding does for the {@link StoreSupervisor}. */
public interface ManagedStore {
  /** Brings the schema up to date; safe to call from several instances at once. Throws on failure. */
  void migrate();

  /** True when the store answers now. Must return within about a second. */
  boolean isReachable();
}
