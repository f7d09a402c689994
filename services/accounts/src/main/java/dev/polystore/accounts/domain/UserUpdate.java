package dev.polystore.accounts.domain;

import dev.polystore.platform.errors.FieldViolation;
import dev.polystore.platform.errors.ServiceException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The change UpdateUser asks for: only the fields its mask names, each checked by the rules the
 * contract cannot say (a masked field may not be blank, since "set it to nothing" is no update).
 *
 * @param email the new email, when the mask names it
 * @param displayName the new display name, when the mask names it
 * @param etag the version the caller last read, when given
 */
public record UserUpdate(Optional<String> email, Optional<String> displayName, Optional<String> etag) {
  static final String EMAIL = "email";
  static final String DISPLAY_NAME = "display_name";

  /** Reads the fields named in {@code mask}; INVALID_ARGUMENT naming each field that breaks a rule. */
  public static UserUpdate of(Collection<String> mask, String email, String displayName, String etag) {
    List<FieldViolation> violations = new ArrayList<>();
    if (mask.isEmpty()) {
      violations.add(new FieldViolation("update_mask", "update_mask.paths",
          "must name one or more of: email, display_name"));
    }
    for (String path : mask) {
      if (!path.equals(EMAIL) && !path.equals(DISPLAY_NAME)) {
        violations.add(new FieldViolation("update_mask", "update_mask.paths",
            "names '" + path + "'; only email and display_name can change"));
      }
    }
    boolean changesEmail = mask.contains(EMAIL);
    boolean changesName = mask.contains(DISPLAY_NAME);
    if (changesEmail && isBlank(email)) {
      violations.add(new FieldViolation(EMAIL, "email.required", "is required when update_mask names email"));
    }
    if (changesName && isBlank(displayName)) {
      violations.add(new FieldViolation(DISPLAY_NAME, "display_name.required",
          "must not be empty when update_mask names display_name"));
    }
    if (!violations.isEmpty()) {
      throw ServiceException.invalid(violations);
    }
    return new UserUpdate(
        changesEmail ? Optional.of(email) : Optional.empty(),
        changesName ? Optional.of(displayName) : Optional.empty(),
        etag == null || etag.isEmpty() ? Optional.empty() : Optional.of(etag));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
