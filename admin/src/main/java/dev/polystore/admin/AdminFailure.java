package dev.polystore.admin;

/** A failure the operator can act on: printed as one line, and the tool exits non-zero. */
public final class AdminFailure extends RuntimeException {
  public AdminFailure(String message) {
    super(message);
  }

  public AdminFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
