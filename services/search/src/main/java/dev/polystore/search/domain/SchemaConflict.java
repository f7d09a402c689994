package dev.polystore.search.domain;

/**
 * The index refused a write whose vectors or attribute kinds do not fit what the workspace already
 * holds: another writer fixed its schema differently between the domain's checks and the write.
 */
public final class SchemaConflict extends RuntimeException {
  public SchemaConflict(String message) {
    super(message);
  }
}
