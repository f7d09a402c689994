package dev.polystore.platform.errors;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps an error response small whatever the request: a request with 20,000 bad elements must not
 * produce 20,000 violations in the trailers (they exceed the header limit and reset the stream).
 * The first {@link #MAX_VIOLATIONS} are reported, each field and description clipped, and one
 * last entry counts the rest. With these numbers an INVALID_ARGUMENT stays under
 * {@link #MAX_ERROR_BYTES} bytes of status message and details together.
 */
public final class ViolationLimits {
  public static final int MAX_VIOLATIONS = 10;
  public static final int MAX_FIELD_CHARS = 128;
  public static final int MAX_DESCRIPTION_CHARS = 256;
  /** The bound a client (and the fuzz tests) may rely on; generous over the worst case of the limits above. */
  public static final int MAX_ERROR_BYTES = 16 * 1024;
  public static final String TRUNCATED_RULE = "violations.truncated";

  private ViolationLimits() {}

  public static List<FieldViolation> bounded(List<FieldViolation> violations) {
    List<FieldViolation> out = new ArrayList<>(Math.min(violations.size(), MAX_VIOLATIONS + 1));
    for (FieldViolation violation : violations.subList(0, Math.min(violations.size(), MAX_VIOLATIONS))) {
      out.add(new FieldViolation(clip(violation.field(), MAX_FIELD_CHARS), clip(violation.rule(), MAX_FIELD_CHARS),
          clip(violation.description(), MAX_DESCRIPTION_CHARS)));
    }
    int rest = violations.size() - out.size();
    if (rest > 0) {
      out.add(new FieldViolation("", TRUNCATED_RULE, rest + " more violations not shown"));
    }
    return out;
  }

  static String clip(String text, int maxChars) {
    if (text == null || text.length() <= maxChars) {
      return text;
    }
    return text.substring(0, maxChars - 1) + "…";
  }
}
