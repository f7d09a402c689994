package dev.polystore.platform.vector;

/** A write whose vectors or attribute types do not match what the namespace already holds. */
public final class SchemaConflictException extends RuntimeException {
  public SchemaConflictException(String message) {
    super(message);
  }
}
