package dev.polystore.platform.grpc;

import dev.polystore.platform.errors.ServiceException;
import java.util.UUID;

/** Request ids to UUIDs. The contract checks the format first; this only names the field if it did not. */
public final class Ids {
  private Ids() {}

  public static UUID parse(String field, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid(field, "string.uuid", "must be a UUID");
    }
  }
}
