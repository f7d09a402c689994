package dev.polystore.platform.errors;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What failed, once the wrappers of asynchronous code are taken off. */
public final class Failures {
  private Failures() {}

  /** The failure itself, not the {@link CompletionException} or {@link ExecutionException} around it. */
  public static Throwable unwrapped(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
