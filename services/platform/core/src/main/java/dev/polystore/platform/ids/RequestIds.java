package dev.polystore.platform.ids;

import dev.polystore.platform.errors.ServiceException;
import java.util.Optional;
import java.util.UUID;

/**
 * The optional {@code request_id} of creating calls: set, a retry with the same id returns the
 * first call's result instead of creating another.
 */
public final class RequestIds {
  /** The request field, as violations name it. */
  public static final String FIELD = "request_id";

  private RequestIds() {}

  /** Empty when the field is unset (the empty string); the contract has checked the format. */
  public static Optional<UUID> parse(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid(FIELD, "string.uuid", "must be a UUID");
    }
  }

  /** A request id that an earlier call used with other fields: refused, so it never returns someone else's result. */
  public static ServiceException reused() {
    return ServiceException.invalid(FIELD, "request_id.reused",
        "was used by an earlier call with other fields; use a new request_id for a new request");
  }
}
