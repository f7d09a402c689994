package dev.polystore.presence.domain;

import dev.polystore.platform.errors.ServiceException;
import java.util.UUID;

/**
 * Ids of other services' entities (workspaces, users, rooms), in one canonical spelling: the same
 * UUID in upper and lower case must name the same keys in the store.
 */
public final class Ids {
  private Ids() {}

  /** The lower-case form of a UUID, or INVALID_ARGUMENT on {@code field}. */
  public static String uuid(String field, String value) {
    try {
      UUID parsed = UUID.fromString(value);
      String canonical = parsed.toString();
      // UUID.fromString accepts shortened groups ("1-2-3-4-5"); only the full form is an id.
      if (!canonical.equalsIgnoreCase(value)) {
        throw new IllegalArgumentException(value);
      }
      return canonical;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ServiceException.invalid(field, "string.uuid", "value must be a valid UUID");
    }
  }
}
