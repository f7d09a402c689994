package dev.polystore.platform.errors;

import java.time.Duration;
import java.util.List;

/**
 * A failure a caller can act on, raised by domain and store code that knows nothing of gRPC.
 * The gRPC layer maps each {@link Reason} to the status of the same name.
 */
public final class ServiceException extends RuntimeException {
  /** The kinds of failure of DESIGN.md's error table. */
  public enum Reason {
    INVALID_ARGUMENT,
    NOT_FOUND,
    ALREADY_EXISTS,
    FAILED_PRECONDITION,
    PERMISSION_DENIED,
    UNAUTHENTICATED,
    RESOURCE_EXHAUSTED,
    UNAVAILABLE
  }

  private final Reason reason;
  private final List<FieldViolation> violations;
  private final Duration retryAfter;

  private ServiceException(Reason reason, String message, List<FieldViolation> violations,
      Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.violations = List.copyOf(violations);
    this.retryAfter = retryAfter;
  }

  /** Bad input; the violations are bounded ({@link ViolationLimits}) so the error stays small. */
  public static ServiceException invalid(List<FieldViolation> all) {
    List<FieldViolation> violations = ViolationLimits.bounded(all);
    StringBuilder message = new StringBuilder("invalid request:");
    for (FieldViolation v : violations) {
      message.append(' ').append(v.field()).append(": ").append(v.description())
          .append(" [").append(v.rule()).append("];");
    }
    return new ServiceException(Reason.INVALID_ARGUMENT, message.toString(), violations, null, null);
  }

  public static ServiceException invalid(String field, String rule, String description) {
    return invalid(List.of(new FieldViolation(field, rule, description)));
  }

  public static ServiceException notFound(String what) {
    return new ServiceException(Reason.NOT_FOUND, what + " not found", List.of(), null, null);
  }

  public static ServiceException alreadyExists(String message) {
    return new ServiceException(Reason.ALREADY_EXISTS, message, List.of(), null, null);
  }

  public static ServiceException failedPrecondition(String message) {
    return new ServiceException(Reason.FAILED_PRECONDITION, message, List.of(), null, null);
  }

  public static ServiceException permissionDenied(String message) {
    return new ServiceException(Reason.PERMISSION_DENIED, message, List.of(), null, null);
  }

  public static ServiceException unauthenticated(String message) {
    return new ServiceException(Reason.UNAUTHENTICATED, message, List.of(), null, null);
  }

  public static ServiceException resourceExhausted(String message, Duration retryAfter) {
    return new ServiceException(Reason.RESOURCE_EXHAUSTED, message, List.of(), retryAfter, null);
  }

  public static ServiceException unavailable(String message, Throwable cause) {
    return new ServiceException(Reason.UNAVAILABLE, message, List.of(), null, cause);
  }

  public Reason reason() {
    return reason;
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  /** How long to wait before retrying; null when the failure gives no hint. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
