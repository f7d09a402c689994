package dev.polystore.platform.grpc;

import dev.polystore.platform.errors.Failures;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletionStage;

/**
 * Answers a unary call from a stage that completes later, on whatever thread completes it (a
 * driver's event loop): the message, or the failure passed to {@code onError}, which the platform
 * maps to a status as it would a thrown one ({@link ErrorMappingInterceptor}). For the handlers of
 * {@link NonBlockingMethods}.
 */
public final class AsyncAnswers {
  private AsyncAnswers() {}

  public static <T> void answer(CompletionStage<? extends T> result, StreamObserver<T> response) {
    result.whenComplete((message, failure) -> {
      if (failure != null) {
        response.onError(Failures.unwrapped(failure));
      } else {
        response.onNext(message);
        response.onCompleted();
      }
    });
  }
}
